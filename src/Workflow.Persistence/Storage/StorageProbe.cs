using Microsoft.EntityFrameworkCore;

namespace Workflow.Persistence.Storage;

/// <summary>The one heartbeat row the write probe rewrites.</summary>
public sealed class StorageProbeRow
{
    public required int Id { get; init; }
    public required DateTimeOffset At { get; set; }
}

/// <summary>
/// Proves the database takes writes by committing a change to one heartbeat row. A read passes on a read-only or failing
/// disk, and so does a transaction that is rolled back: SQLite keeps its pages in memory and writes nothing for it.
/// </summary>
public sealed class StorageProbe(IDbContextFactory<WorkflowDbContext> contexts, TimeProvider clock)
{
    /// <summary>Throws the <see cref="Microsoft.Data.Sqlite.SqliteException"/> of a disk that refuses the write.</summary>
    public async Task WriteAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var at = clock.GetUtcNow().UtcTicks;
        await db.Database.ExecuteSqlAsync(
            $"""INSERT INTO "storage_probe" ("Id", "At") VALUES (1, {at}) ON CONFLICT ("Id") DO UPDATE SET "At" = excluded."At" """, cancellationToken);
    }
}
