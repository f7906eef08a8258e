using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Workflow.Persistence.Storage;

/// <summary>
/// Every connection runs with synchronous=FULL so a commit the caller was told about is on disk
/// (survives power loss, not only a crash), and waits for the write lock instead of failing at once.
/// WAL mode is a property of the file, set once when the database is created.
/// Public so that other contexts on the same file (the federation domain's) run with the same pragmas.
/// </summary>
public sealed class SqliteDurability : DbConnectionInterceptor
{
    public const string Pragmas = "PRAGMA synchronous=FULL; PRAGMA busy_timeout=30000; PRAGMA foreign_keys=ON;";

    // The pragmas belong to the native handle, which the connection pool keeps open between uses: set them once per handle
    // rather than on every open (a profile of the HTTP decision path found two such round trips per request).
    private static readonly ConditionalWeakTable<object, object> s_applied = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (IsSet(connection)) return;
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
        Remember(connection);
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (IsSet(connection)) return;
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
        Remember(connection);
    }

    private static bool IsSet(DbConnection connection) => connection is SqliteConnection { Handle: { } handle } && s_applied.TryGetValue(handle, out _);

    private static void Remember(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle }) s_applied.AddOrUpdate(handle, handle);
    }
}

/// <summary>SQLite has one writer at a time; queueing writers in-process avoids lock polling between them.</summary>
public sealed class WriteGate : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        return new Release(_gate);
    }

    public void Dispose() => _gate.Dispose();

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        public void Dispose() => gate.Release();
    }
}
