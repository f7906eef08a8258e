using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Workflow.Federation.Storage;

/// <summary>Migrates the federation tables. Safe beside the engine's own setup: WAL is a property of the file, set by whichever runs first.</summary>
public sealed class FederationDatabaseSetup(IDbContextFactory<FederationDbContext> contexts)
{
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var file = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file)) ?? ".");
        await db.Database.OpenConnectionAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
    }
}
