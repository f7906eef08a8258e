using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Workflow.Persistence.Storage;

/// <summary>
/// What a database failure means, on SQLite or PostgreSQL, wherever EF Core wrapped it (a failed <c>SaveChanges</c> is a
/// <see cref="DbUpdateException"/>).
/// </summary>
public static class StorageErrors
{
    // Primary result codes (sqlite.org/rescode.html); an extended code keeps its primary code in the low byte.
    private const int Busy = 5, Locked = 6, ReadOnly = 8, IoError = 10, Full = 13, CantOpen = 14, Constraint = 19;

    /// <summary>The SQLite error in <paramref name="exception"/> or among its inner exceptions.</summary>
    public static SqliteException? Find(Exception? exception) => Find<SqliteException>(exception);

    /// <summary>The Npgsql error (a server's <see cref="PostgresException"/> or a connection failure) in <paramref name="exception"/> or its inner exceptions.</summary>
    public static NpgsqlException? FindNpgsql(Exception? exception) => Find<NpgsqlException>(exception);

    /// <summary>
    /// The database cannot be written now. SQLite: read-only (file, mount or connection), disk full, an I/O error, or the file or
    /// its -wal/-shm cannot be opened. PostgreSQL: the server cannot be reached (refused, gone, timed out), is shutting down or
    /// starting, has no connection slot or disk left, or the database does not exist. No retry helps until someone mends it, so
    /// callers are told to come back later.
    /// </summary>
    public static bool IsUnavailable(Exception exception) =>
        Find(exception) is { } sqlite ? (sqlite.SqliteErrorCode & 0xFF) is ReadOnly or IoError or Full or CantOpen
        : FindNpgsql(exception) is { } npgsql && IsUnavailable(npgsql);

    /// <summary>Another writer held the lock past the timeout: the database is fine, the service is overloaded.</summary>
    public static bool IsBusy(Exception exception) =>
        Find(exception) is { } sqlite ? (sqlite.SqliteErrorCode & 0xFF) is Busy or Locked
        : FindNpgsql(exception) is PostgresException { SqlState: PostgresErrorCodes.LockNotAvailable };

    /// <summary>
    /// A write lost to another one: a key or unique index taken meanwhile, or a concurrency token changed. Only these may
    /// be answered by reading the winner; a disk that refuses the write is a <see cref="DbUpdateException"/> too.
    /// </summary>
    public static bool IsConflict(DbUpdateException exception) =>
        exception is DbUpdateConcurrencyException
        || (Find(exception) is { } sqlite && (sqlite.SqliteErrorCode & 0xFF) == Constraint)
        || FindNpgsql(exception) is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    /// <summary>What to log of a storage failure: the provider's own code and message.</summary>
    public static string? Describe(Exception exception) =>
        Find(exception) is { } sqlite ? $"SQLite error {sqlite.SqliteErrorCode} ({sqlite.SqliteExtendedErrorCode}): {sqlite.Message}"
        : FindNpgsql(exception) is PostgresException server ? $"PostgreSQL error {server.SqlState}: {server.MessageText}"
        : FindNpgsql(exception) is { } client ? $"PostgreSQL unreachable: {client.Message}"
        : null;

    private static bool IsUnavailable(NpgsqlException error) => error is PostgresException server
        ? server.SqlState.StartsWith("08", StringComparison.Ordinal) // connection exception
          || server.SqlState.StartsWith("53", StringComparison.Ordinal) // insufficient resources: too many connections, disk full, out of memory
          || server.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow
              or PostgresErrorCodes.InvalidCatalogName or PostgresErrorCodes.ReadOnlySqlTransaction
        // Not from the server: the connection was refused, broken or timed out before a reply.
        : true;

    private static T? Find<T>(Exception? exception) where T : Exception
    {
        for (; exception is not null; exception = exception.InnerException)
            if (exception is T found) return found;
        return null;
    }
}
