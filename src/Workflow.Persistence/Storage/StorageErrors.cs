using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Workflow.Persistence.Storage;

/// <summary>What a SQLite failure means, wherever EF Core wrapped it (a failed <c>SaveChanges</c> is a <see cref="DbUpdateException"/>).</summary>
public static class StorageErrors
{
    // Primary result codes (sqlite.org/rescode.html); an extended code keeps its primary code in the low byte.
    private const int Busy = 5, Locked = 6, ReadOnly = 8, IoError = 10, Full = 13, CantOpen = 14, Constraint = 19;

    /// <summary>The SQLite error in <paramref name="exception"/> or among its inner exceptions.</summary>
    public static SqliteException? Find(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
            if (exception is SqliteException sqlite) return sqlite;
        return null;
    }

    /// <summary>
    /// The file cannot be written now: read-only (file, mount or connection), disk full, an I/O error, or the file or its
    /// -wal/-shm cannot be opened. No retry helps until someone mends the disk, so callers are told to come back later.
    /// </summary>
    public static bool IsUnavailable(SqliteException error) => (error.SqliteErrorCode & 0xFF) is ReadOnly or IoError or Full or CantOpen;

    /// <summary>Another writer held the lock past the busy timeout: the file is fine, the service is overloaded.</summary>
    public static bool IsBusy(SqliteException error) => (error.SqliteErrorCode & 0xFF) is Busy or Locked;

    /// <summary>
    /// A write lost to another one: a key or unique index taken meanwhile, or a concurrency token changed. Only these may
    /// be answered by reading the winner; a disk that refuses the write is a <see cref="DbUpdateException"/> too.
    /// </summary>
    public static bool IsConflict(DbUpdateException exception) =>
        exception is DbUpdateConcurrencyException || (Find(exception) is { } sqlite && (sqlite.SqliteErrorCode & 0xFF) == Constraint);
}
