using Workflow.Engine.Journal;
using Workflow.Server.Hosting;

namespace Workflow.Server.Engine;

/// <summary>
/// The key that seals the journal, kept outside the database as the token signing key is: <c>Journal:Key</c> (base64, from a
/// secret store, shared by every node), or the file <c>Journal:KeyFile</c> (default <c>keys/journal.key</c> in the data
/// folder), generated on first start. Someone who can write the database but not read this key cannot forge a chain.
/// </summary>
internal static class JournalKeys
{
    public static JournalKey Load(IConfiguration configuration, ServerOptions server)
    {
        var configured = configuration["Journal:Key"];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            var secret = Convert.FromBase64String(configured);
            if (secret.Length < JournalKey.MinimumBytes) throw new InvalidOperationException($"Journal:Key must be at least {JournalKey.MinimumBytes} bytes (base64).");
            return JournalKey.From(secret);
        }
        var file = configuration["Journal:KeyFile"] is { Length: > 0 } path ? Path.GetFullPath(path) : Path.Combine(server.DataFolder, "keys", "journal.key");
        return JournalKey.From(KeyFile.ReadOrCreate(file, 64));
    }
}
