using Workflow.Engine;
using Workflow.Engine.Definitions;
using Workflow.Engine.Execution;
using Workflow.Engine.Journal;
using Workflow.Persistence.Definitions;
using Workflow.Persistence.Storage;
using Workflow.Persistence.Stores;

namespace Workflow.Persistence.Runtime;

/// <summary>
/// The rows one database transaction touches. Applying a transition may start child instances, finish
/// them and resume their parents: all of it lands in the same transaction. Timers and notifications are
/// handed out only after commit.
/// </summary>
/// <remarks>
/// Journal rows, bookmarks, timers and outbox rows are written as they come, so later reads in the same transaction see
/// them. Instance rows are written once, by <see cref="Flush"/>: inserted, or updated only if their revision is still the
/// one read here (optimistic concurrency).
/// </remarks>
internal sealed class TransitionScope(TransitionSession store, DefinitionStore definitions, WorkflowExecutor executor, JournalKey journalKey, DateTimeOffset now, CancellationToken cancellationToken)
{
    private readonly Dictionary<Guid, TrackedInstance> _instances = [];
    private readonly Dictionary<Guid, BookmarkRow> _bookmarks = [];

    public TransitionSession Store => store;
    public TransitionUnitOfWork UnitOfWork => store.UnitOfWork;
    public DateTimeOffset Now => now;
    public CancellationToken CancellationToken => cancellationToken;
    public List<ScheduledTimer> ToSchedule { get; } = [];
    public List<string> ToUnschedule { get; } = [];
    public List<NotificationMessage> ToSend { get; } = [];
    public List<InstanceFinished> Finished { get; } = [];

    /// <summary>Bookmarks this scope opened that are still open: a child's first task shows up beside its parent's.</summary>
    public List<Bookmark> Opened { get; } = [];

    public InstanceRow? FindInstance(Guid id)
    {
        if (_instances.TryGetValue(id, out var tracked)) return tracked.Row;
        var row = store.FindInstance(id);
        if (row is not null) _instances[id] = new TrackedInstance(row, Stored(row));
        return row;
    }

    public BookmarkRow? FindBookmark(Guid id)
    {
        if (_bookmarks.TryGetValue(id, out var row)) return row;
        row = store.FindBookmark(id);
        if (row is not null) _bookmarks[id] = row;
        return row;
    }

    public InstanceRow AddInstance(InstanceRow row)
    {
        _instances[row.Id] = new TrackedInstance(row, null);
        return row;
    }

    public void AppendJournal(InstanceRow instance, IEnumerable<JournalRecord> records)
    {
        foreach (var record in records)
        {
            var sequence = instance.JournalLength + 1;
            var hash = JournalHasher.Hash(instance.JournalHead, instance.Id, sequence, record);
            store.InsertJournal(new JournalRow
            {
                InstanceId = instance.Id, Sequence = sequence, At = record.At, Actor = record.Actor, Kind = record.Kind,
                ActivityId = record.ActivityId, Outcome = record.Outcome, BookmarkId = record.BookmarkId, Data = record.Data,
                PreviousHash = instance.JournalHead, Hash = hash, Seal = journalKey.Seal(hash),
            });
            instance.JournalLength = sequence;
            instance.JournalHead = hash;
        }
    }

    public async Task ApplyAsync(InstanceRow instance, Transition transition)
    {
        instance.State = transition.State.ToJson();
        instance.Status = transition.Status;
        instance.Result = transition.State.Result;
        instance.Revision++;
        instance.UpdatedAt = now;
        AppendJournal(instance, transition.Journal);

        foreach (var id in transition.Closed) await CloseBookmarkAsync(id);
        foreach (var bookmark in transition.Opened)
        {
            var row = BookmarkRow.From(bookmark, transition.Timers.Exists(t => t.BookmarkId == bookmark.Id));
            store.InsertBookmark(row);
            _bookmarks[row.Id] = row;
            Opened.Add(bookmark);
        }
        foreach (var move in transition.DueMoves) MoveDue(move);
        foreach (var timer in transition.Timers)
        {
            store.InsertTimer(new TimerRow { Key = timer.Key, InstanceId = timer.InstanceId, BookmarkId = timer.BookmarkId, DueAt = timer.DueAt, Purpose = timer.Purpose });
            ToSchedule.Add(timer);
        }
        foreach (var message in transition.Notifications)
        {
            store.InsertOutbox(new OutboxRow { Id = message.Id, InstanceId = message.InstanceId, Message = NotificationJson.Write(message), CreatedAt = now });
            ToSend.Add(message);
        }
        foreach (var child in transition.ChildStarts) await StartChildAsync(instance, child, transition);
        if (transition.Status == InstanceStatus.Finished)
            Finished.Add(new InstanceFinished(instance.Id, instance.DefinitionId, instance.DefinitionVersion, instance.CorrelationId, instance.Result, now));
        if (instance.ParentInstanceId is { } parentId)
        {
            // A child cancelled because its parent's path closed finds its parent bookmark gone, so only a child cancelled on
            // its own moves the parent on; without that, the parent would wait for it forever.
            if (transition.Status == InstanceStatus.Finished) await ResumeParentAsync(parentId, instance, instance.Result ?? ActivityDefinition.Done);
            else if (transition.Status == InstanceStatus.Cancelled) await ResumeParentAsync(parentId, instance, ChildWorkflowActivity.CancelledOutcome);
        }
    }

    /// <summary>Writes every instance row this scope created or changed.</summary>
    /// <exception cref="ConcurrencyConflictException">Another writer changed an instance since this scope read it.</exception>
    public void Flush()
    {
        foreach (var (row, stored) in _instances.Values)
        {
            if (stored is null) store.InsertInstance(row);
            else if (stored != Stored(row) && !store.UpdateInstance(row, stored.Revision))
                throw new ConcurrencyConflictException(Guid.Empty, null, null);
        }
    }

    private async Task CloseBookmarkAsync(Guid id)
    {
        var row = FindBookmark(id) ?? throw new ConcurrencyConflictException(id, null, null);
        store.DeleteBookmark(id);
        _bookmarks.Remove(id);
        Opened.RemoveAll(b => b.Id == id);
        if (row.HasTimers) DropTimers(id);
        if (row.Kind == BookmarkKind.ChildWorkflow && row.ChildInstanceId is { } childId
            && FindInstance(childId) is { Status: InstanceStatus.Blocked or InstanceStatus.Faulted } child)
        {
            var definition = await definitions.GetAsync(child.DefinitionId, child.DefinitionVersion, cancellationToken);
            await ApplyAsync(child, executor.Cancel(definition, child.Id, InstanceState.FromJson(child.State), "system", "parent path closed"));
        }
    }

    private void DropTimers(Guid bookmarkId)
    {
        foreach (var key in store.DeleteTimersOf(bookmarkId))
        {
            // A timer opened earlier in this scope was never handed to the scheduler: forget it instead of cancelling it.
            if (ToSchedule.RemoveAll(t => t.Key == key) == 0) ToUnschedule.Add(key);
        }
    }

    /// <summary>The task's timers make way for the ones the transition planned on the new due date.</summary>
    private void MoveDue(DueMove move)
    {
        var row = FindBookmark(move.BookmarkId) ?? throw new ConcurrencyConflictException(move.BookmarkId, null, null);
        store.UpdateBookmarkDue(move.BookmarkId, move.DueAt);
        _bookmarks[row.Id] = BookmarkRow.From(row.ToModel() with { DueAt = move.DueAt }, row.HasTimers);
        if (row.HasTimers) DropTimers(move.BookmarkId);
    }

    private async Task StartChildAsync(InstanceRow parent, ChildStart start, Transition parentTransition)
    {
        // A child finishing at once may already have moved the parent past this path.
        if (!_bookmarks.ContainsKey(start.ParentBookmarkId)) return;
        var activityId = parentTransition.Opened.First(b => b.Id == start.ParentBookmarkId).ActivityId;
        WorkflowDefinition definition;
        try
        {
            definition = await definitions.GetAsync(start.WorkflowId, store.LatestDefinitionVersion(start.WorkflowId), cancellationToken);
        }
        catch (WorkflowException ex) when (ex.Error == WorkflowError.DefinitionNotFound)
        {
            throw new ActivityFaultException(activityId, ex.Message, ex);
        }
        var child = AddInstance(new InstanceRow
        {
            Id = start.ChildInstanceId, DefinitionId = definition.Id, DefinitionVersion = definition.Version, State = "{}",
            CreatedAt = now, ParentInstanceId = parent.Id, ParentBookmarkId = start.ParentBookmarkId,
            CorrelationId = parent.CorrelationId,
        });
        var actor = parentTransition.Journal.Count > 0 ? parentTransition.Journal[^1].Actor : "system";
        await ApplyAsync(child, await executor.StartAsync(definition, child.Id, start.Input, actor, store.UnitOfWork, cancellationToken));
    }

    private async Task ResumeParentAsync(Guid parentId, InstanceRow child, string outcome)
    {
        var parent = FindInstance(parentId);
        var bookmark = child.ParentBookmarkId is { } b ? FindBookmark(b) : null;
        if (parent is null || bookmark is null || parent.Status != InstanceStatus.Blocked) return;
        var definition = await definitions.GetAsync(parent.DefinitionId, parent.DefinitionVersion, cancellationToken);
        var request = new ResumeRequest(bookmark.Id, "system", outcome);
        await ApplyAsync(parent, await executor.ResumeAsync(definition, parent.Id, InstanceState.FromJson(parent.State), bookmark.ToModel(), request, store.UnitOfWork, cancellationToken));
    }

    private static StoredInstance Stored(InstanceRow row) =>
        new(row.Status, row.State, row.Result, row.Revision, row.JournalLength, row.JournalHead, row.UpdatedAt);

    /// <summary>The columns of an instance row as the database holds them; null for a row this scope creates.</summary>
    private sealed record StoredInstance(InstanceStatus Status, string State, string? Result, int Revision, long JournalLength, string JournalHead, DateTimeOffset UpdatedAt);

    private sealed record TrackedInstance(InstanceRow Row, StoredInstance? Stored);
}
