using System.Security.Cryptography;
using System.Text;

namespace Workflow.Engine.Journal;

/// <summary>
/// The secret that seals journal rows: HMAC-SHA256 over each row's chain hash. The hash chain alone catches accidents; someone
/// who can write the database can recompute it, but without this key cannot seal what they wrote. The host keeps the key
/// outside the database (a file in the data folder, or configuration) and hands it to the engine.
/// </summary>
public sealed class JournalKey
{
    /// <summary>At least this many bytes: as long as the SHA-256 output the seal is made of.</summary>
    public const int MinimumBytes = 32;

    private readonly byte[]? _secret;

    private JournalKey(byte[]? secret) => _secret = secret;

    /// <summary>No key: rows are chained but not sealed, and seals found are not checked.</summary>
    public static JournalKey None { get; } = new(null);

    public bool IsSet => _secret is not null;

    public static JournalKey From(byte[] secret) =>
        secret.Length < MinimumBytes ? throw new ArgumentException($"a journal key needs at least {MinimumBytes} bytes", nameof(secret)) : new JournalKey([.. secret]);

    /// <summary>The seal of a row whose chain hash is <paramref name="hash"/>; null without a key.</summary>
    public string? Seal(string hash) => _secret is null ? null : Convert.ToHexStringLower(HMACSHA256.HashData(_secret, Encoding.UTF8.GetBytes(hash)));

    /// <summary>Whether <paramref name="seal"/> was made with this key for <paramref name="hash"/> (compared in constant time).</summary>
    public bool Verifies(string hash, string seal) =>
        _secret is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Seal(hash)!), Encoding.ASCII.GetBytes(seal));
}
