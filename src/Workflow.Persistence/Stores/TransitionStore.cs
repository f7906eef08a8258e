using Workflow.Engine.Journal;
using Workflow.Persistence.Storage;

namespace Workflow.Persistence.Stores;

/// <summary>
/// Where the runtime writes transitions: one implementation per database (<c>Stores/Sqlite</c>, <c>Stores/PostgreSql</c>), each with
/// SQL written for it. The schema, its migrations and every read outside a transition stay with EF Core (<see cref="WorkflowDbContext"/>);
/// a store writes the same columns in the encodings EF Core uses on its database.
/// </summary>
public abstract class TransitionStore : IDisposable
{
    /// <summary>
    /// Runs one transition in a write transaction and answers once the commit that holds it is durable. SQLite's one writer per process
    /// commits the transitions that queued while it was busy together (<see cref="GroupCommit"/>), each behind a savepoint of its own so
    /// that one which fails rolls back alone; PostgreSQL gives each its own pooled connection and transaction. When
    /// <paramref name="transition"/> throws, nothing it wrote stays and the caller gets its exception.
    /// </summary>
    internal abstract Task<T> RunAsync<T>(Func<TransitionSession, Task<T>> transition, CancellationToken cancellationToken);

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }
}

/// <summary>
/// The writes of one transition, inside the store's open write transaction (on SQLite, its savepoint in a batch). The statements are synchronous: SQLite's provider does no asynchronous I/O,
/// and a transition is a dozen short statements that hold the row locks they take until commit either way.
/// </summary>
internal abstract class TransitionSession : IDisposable
{
    /// <summary>The same transaction, as action handlers and domain writes see it.</summary>
    public abstract TransitionUnitOfWork UnitOfWork { get; }

    public abstract InstanceRow? FindInstance(Guid id);

    public abstract void InsertInstance(InstanceRow row);

    /// <summary>Writes the row's changing columns if its revision in the database is still <paramref name="storedRevision"/>.</summary>
    public abstract bool UpdateInstance(InstanceRow row, int storedRevision);

    public abstract void InsertJournal(JournalRow row);

    /// <summary>The journal row that closed a bookmark by resuming or cancelling it, to tell a late caller who was first.</summary>
    public abstract (string Actor, DateTimeOffset At, JournalKind Kind)? FindClosing(Guid bookmarkId);

    public abstract BookmarkRow? FindBookmark(Guid id);

    public abstract void InsertBookmark(BookmarkRow row);

    public abstract void DeleteBookmark(Guid id);

    public abstract void UpdateBookmarkDue(Guid id, DateTimeOffset dueAt);

    public abstract TimerRow? FindTimer(string key);

    /// <summary>Deletes every timer of a bookmark, fired or not, including those written earlier in this transaction; returns their keys.</summary>
    public abstract List<string> DeleteTimersOf(Guid bookmarkId);

    public abstract List<TimerRow> UnfiredTimersOf(Guid instanceId);

    public abstract void InsertTimer(TimerRow row);

    /// <summary>Sets the timer's <c>FiredAt</c> if it is still unset; false when another transaction fired it first.</summary>
    public abstract bool MarkTimerFired(string key, DateTimeOffset at);

    public abstract void InsertOutbox(OutboxRow row);

    public abstract void InsertIncident(IncidentRow row);

    /// <summary>An incident that is still open, with what a retry needs: its instance, activity and failed event.</summary>
    public abstract (Guid InstanceId, string? ActivityId, string Event)? FindOpenIncident(Guid id);

    public abstract void ResolveIncidents(Guid instanceId, DateTimeOffset at, string by);

    public abstract int? LatestDefinitionVersion(string definitionId);

    /// <summary>Keeps what the transition wrote; the store's commit makes it durable (on SQLite, with the rest of its batch).</summary>
    public abstract void Commit();

    /// <summary>Without <see cref="Commit"/>: rolls back what the transition wrote, and only that.</summary>
    public abstract void Dispose();
}
