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
        return new SigningKey(new SymmetricSecurityKey(KeyFile.ReadOrCreate(file, 64)));
    }
}
