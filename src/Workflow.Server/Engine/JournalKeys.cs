using Workflow.Engine.Journal;
using Workflow.Persistence.Storage;
using Workflow.Server.Hosting;

namespace Workflow.Server.Engine;

/// <summary>
/// The key that seals the journal: <c>Journal:Key</c> (base64, from a secret store, shared by every node), or the file
/// <c>Journal:KeyFile</c>, or else one generated on first start. On SQLite the generated key is the file <c>keys/journal.key</c> in the data
/// folder, outside the database: someone who can write the database but not read this key cannot forge a chain. On PostgreSQL
/// every node must hold the same key, so the generated one lives in the database, and that protection needs <c>Journal:Key</c>.
/// </summary>
internal static class JournalKeys
{
    public static JournalKey Load(IConfiguration configuration, ServerOptions server, SharedSecrets secrets)
    {
        var configured = configuration["Journal:Key"];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            var secret = Convert.FromBase64String(configured);
            if (secret.Length < JournalKey.MinimumBytes) throw new InvalidOperationException($"Journal:Key must be at least {JournalKey.MinimumBytes} bytes (base64).");
            return JournalKey.From(secret);
        }
        if (configuration["Journal:KeyFile"] is { Length: > 0 } path) return JournalKey.From(KeyFile.ReadOrCreate(Path.GetFullPath(path), 64));
        return JournalKey.From(server.Provider == StorageProvider.PostgreSql
            ? secrets.GetOrCreate("journal", 64)
            : KeyFile.ReadOrCreate(Path.Combine(server.DataFolder, "keys", "journal.key"), 64));
    }
}
