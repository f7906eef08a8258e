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
        if (Configured(configuration) is { } configured) return configured;
        if (configuration["Journal:KeyFile"] is { Length: > 0 }) return JournalKey.From(KeyFile.ReadOrCreate(FilePath(configuration, server), 64));
        return JournalKey.From(server.Provider == StorageProvider.PostgreSql
            ? secrets.GetOrCreate("journal", 64)
            : KeyFile.ReadOrCreate(FilePath(configuration, server), 64));
    }

    /// <summary>
    /// The key a service on this configuration and data folder seals with, where it comes from, and none (no seal checked) when
    /// it has none yet: for commands that read a database the service wrote, which must not make up a key of their own.
    /// </summary>
    public static (JournalKey Key, string From) Existing(IConfiguration configuration, ServerOptions server)
    {
        if (Configured(configuration) is { } configured) return (configured, "Journal:Key");
        var file = FilePath(configuration, server);
        return File.Exists(file) ? (JournalKey.From(Convert.FromBase64String(File.ReadAllText(file).Trim())), file) : (JournalKey.None, "no key (seals not checked)");
    }

    private static JournalKey? Configured(IConfiguration configuration)
    {
        var configured = configuration["Journal:Key"];
        if (string.IsNullOrWhiteSpace(configured)) return null;
        var secret = Convert.FromBase64String(configured);
        if (secret.Length < JournalKey.MinimumBytes) throw new InvalidOperationException($"Journal:Key must be at least {JournalKey.MinimumBytes} bytes (base64).");
        return JournalKey.From(secret);
    }

    private static string FilePath(IConfiguration configuration, ServerOptions server) =>
        configuration["Journal:KeyFile"] is { Length: > 0 } path ? Path.GetFullPath(path) : Path.Combine(server.DataFolder, "keys", "journal.key");
}
