using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;
using Workflow.Server.Hosting;

namespace Workflow.Server.Accounts;

/// <summary>The HMAC key that signs access tokens: from configuration, or generated once and kept in the data folder (never in the repository).</summary>
public sealed class SigningKey(SymmetricSecurityKey key)
{
    public SymmetricSecurityKey Key { get; } = key;

    public static SigningKey Load(AuthOptions options, ServerOptions server)
    {
        if (!string.IsNullOrWhiteSpace(options.SigningKey))
        {
            var configured = Convert.FromBase64String(options.SigningKey);
            if (configured.Length < 32) throw new InvalidOperationException("Auth:SigningKey must be at least 32 bytes (base64).");
            return new SigningKey(new SymmetricSecurityKey(configured));
        }
        var file = Path.Combine(server.DataFolder, "keys", "jwt-signing.key");
        if (!File.Exists(file))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            var fresh = RandomNumberGenerator.GetBytes(64);
            // Written to a temporary name first so two nodes starting at once never read half a key.
            var temporary = file + "." + Guid.NewGuid().ToString("N");
            File.WriteAllText(temporary, Convert.ToBase64String(fresh));
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            try
            {
                File.Move(temporary, file, overwrite: false);
            }
            catch (IOException)
            {
                File.Delete(temporary);
            }
        }
        return new SigningKey(new SymmetricSecurityKey(Convert.FromBase64String(File.ReadAllText(file).Trim())));
    }
}
