using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Workflow.Persistence.Storage;

/// <summary>Creates and migrates the database, and puts a SQLite file in WAL mode.</summary>
public sealed class DatabaseSetup(IDbContextFactory<WorkflowDbContext> contexts)
{
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.MigrateWithWalAsync(cancellationToken);
    }
}

public static class DatabaseMigration
{
    /// <summary>
    /// Migrates any context of this service; for SQLite, first creates the file's folder and puts the file in WAL
    /// mode (a property of the file: whichever context runs first sets it for all).
    /// </summary>
    public static async Task MigrateWithWalAsync(this DbContext db, CancellationToken cancellationToken = default)
    {
        if (db.Database.IsSqlite())
        {
            var path = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
            var folder = Path.GetDirectoryName(Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
            await db.Database.OpenConnectionAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
        await db.Database.MigrateAsync(cancellationToken);
    }
}
