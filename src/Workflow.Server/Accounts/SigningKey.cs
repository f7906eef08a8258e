using Microsoft.IdentityModel.Tokens;
using Workflow.Persistence.Storage;
using Workflow.Server.Hosting;

namespace Workflow.Server.Accounts;

/// <summary>
/// The HMAC key that signs access tokens: from configuration, or generated once, never in the repository. On SQLite it is kept in
/// the data folder; on PostgreSQL in the database, so that a token one node issued is valid on every other.
/// </summary>
public sealed class SigningKey(SymmetricSecurityKey key)
{
    public SymmetricSecurityKey Key { get; } = key;

    public static SigningKey Load(AuthOptions options, ServerOptions server, SharedSecrets secrets)
    {
        if (!string.IsNullOrWhiteSpace(options.SigningKey))
        {
            var configured = Convert.FromBase64String(options.SigningKey);
            if (configured.Length < 32) throw new InvalidOperationException("Auth:SigningKey must be at least 32 bytes (base64).");
            return new SigningKey(new SymmetricSecurityKey(configured));
        }
        var generated = server.Provider == StorageProvider.PostgreSql
            ? secrets.GetOrCreate("jwt-signing", 64)
            : KeyFile.ReadOrCreate(Path.Combine(server.DataFolder, "keys", "jwt-signing.key"), 64);
        return new SigningKey(new SymmetricSecurityKey(generated));
    }
}
