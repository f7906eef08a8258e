using Microsoft.EntityFrameworkCore;
using Workflow.Engine;
using Workflow.Engine.Definitions;
using Workflow.Engine.Execution;
using Workflow.Engine.Journal;
using Workflow.Persistence.Definitions;
using Workflow.Persistence.Storage;

namespace Workflow.Persistence.Runtime;

/// <summary>
/// The rows one database transaction touches. Applying a transition may start child instances, finish
/// them and resume their parents: all of it lands in the same transaction. Timers and notifications are
/// handed out only after commit.
/// </summary>
internal sealed class TransitionScope(WorkflowDbContext db, DefinitionStore definitions, WorkflowExecutor executor, DateTimeOffset now, CancellationToken cancellationToken)
{
    private readonly Dictionary<Guid, InstanceRow> _instances = [];
    private readonly Dictionary<Guid, BookmarkRow> _bookmarks = [];

    public WorkflowDbContext Db => db;
    public DateTimeOffset Now => now;
    public CancellationToken CancellationToken => cancellationToken;
    public List<ScheduledTimer> ToSchedule { get; } = [];
    public List<string> ToUnschedule { get; } = [];
    public List<NotificationMessage> ToSend { get; } = [];

    /// <summary>Bookmarks this scope opened that are still open: a child's first task shows up beside its parent's.</summary>
    public List<Bookmark> Opened { get; } = [];

    public async Task<InstanceRow?> FindInstanceAsync(Guid id)
    {
        if (_instances.TryGetValue(id, out var row)) return row;
        row = await db.Instances.FindAsync([id], cancellationToken);
        if (row is not null) _instances[id] = row;
        return row;
    }

    public async Task<BookmarkRow?> FindBookmarkAsync(Guid id)
    {
        if (_bookmarks.TryGetValue(id, out var row)) return row;
        row = await db.Bookmarks.FindAsync([id], cancellationToken);
        if (row is not null) _bookmarks[id] = row;
        return row;
    }

    public InstanceRow AddInstance(InstanceRow row)
    {
        db.Instances.Add(row);
        _instances[row.Id] = row;
        return row;
    }

    public void AppendJournal(InstanceRow instance, IEnumerable<JournalRecord> records)
    {
        foreach (var record in records)
        {
            var sequence = instance.JournalLength + 1;
            var hash = JournalHasher.Hash(instance.JournalHead, instance.Id, sequence, record);
            db.Journal.Add(new JournalRow
            {
                InstanceId = instance.Id, Sequence = sequence, At = record.At, Actor = record.Actor, Kind = record.Kind,
                ActivityId = record.ActivityId, Outcome = record.Outcome, BookmarkId = record.BookmarkId, Data = record.Data,
                PreviousHash = instance.JournalHead, Hash = hash,
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
            db.Bookmarks.Add(row);
            _bookmarks[row.Id] = row;
            Opened.Add(bookmark);
        }
        foreach (var timer in transition.Timers)
        {
            db.Timers.Add(new TimerRow { Key = timer.Key, InstanceId = timer.InstanceId, BookmarkId = timer.BookmarkId, DueAt = timer.DueAt, Purpose = timer.Purpose });
            ToSchedule.Add(timer);
        }
        foreach (var message in transition.Notifications)
        {
            db.Outbox.Add(new OutboxRow { Id = message.Id, InstanceId = message.InstanceId, Message = NotificationJson.Write(message), CreatedAt = now });
            ToSend.Add(message);
        }
        foreach (var child in transition.ChildStarts) await StartChildAsync(instance, child, transition);
        if (transition.Status == InstanceStatus.Finished && instance.ParentInstanceId is { } parentId) await ResumeParentAsync(parentId, instance);
    }

    private async Task CloseBookmarkAsync(Guid id)
    {
        var row = await FindBookmarkAsync(id) ?? throw new ConcurrencyConflictException(id, null, null);
        db.Bookmarks.Remove(row);
        _bookmarks.Remove(id);
        Opened.RemoveAll(b => b.Id == id);
        if (row.HasTimers)
        {
            // A bookmark opened earlier in this scope (its path cancelled when a child that ended at once resumed the parent)
            // has timer rows that are not in the database yet, only in the change tracker.
            var stored = await db.Timers.Where(t => t.BookmarkId == id).ToListAsync(cancellationToken);
            foreach (var timer in stored.Union(db.Timers.Local.Where(t => t.BookmarkId == id)).ToList())
            {
                db.Timers.Remove(timer);
                if (ToSchedule.RemoveAll(t => t.Key == timer.Key) == 0) ToUnschedule.Add(timer.Key);
            }
        }
        if (row.Kind == BookmarkKind.ChildWorkflow && row.ChildInstanceId is { } childId
            && await FindInstanceAsync(childId) is { Status: InstanceStatus.Blocked or InstanceStatus.Faulted } child)
        {
            var definition = await definitions.GetAsync(child.DefinitionId, child.DefinitionVersion, cancellationToken);
            await ApplyAsync(child, executor.Cancel(definition, child.Id, InstanceState.FromJson(child.State), "system", "parent path closed"));
        }
    }

    private async Task StartChildAsync(InstanceRow parent, ChildStart start, Transition parentTransition)
    {
        // A child finishing at once may already have moved the parent past this path.
        if (!_bookmarks.ContainsKey(start.ParentBookmarkId)) return;
        var activityId = parentTransition.Opened.First(b => b.Id == start.ParentBookmarkId).ActivityId;
        WorkflowDefinition definition;
        try
        {
            definition = await definitions.GetAsync(start.WorkflowId, cancellationToken: cancellationToken);
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
        await ApplyAsync(child, await executor.StartAsync(definition, child.Id, start.Input, actor, cancellationToken));
    }

    private async Task ResumeParentAsync(Guid parentId, InstanceRow child)
    {
        var parent = await FindInstanceAsync(parentId);
        var bookmark = child.ParentBookmarkId is { } b ? await FindBookmarkAsync(b) : null;
        if (parent is null || bookmark is null || parent.Status != InstanceStatus.Blocked) return;
        var definition = await definitions.GetAsync(parent.DefinitionId, parent.DefinitionVersion, cancellationToken);
        var request = new ResumeRequest(bookmark.Id, "system", child.Result ?? ActivityDefinition.Done);
        await ApplyAsync(parent, await executor.ResumeAsync(definition, parent.Id, InstanceState.FromJson(parent.State), bookmark.ToModel(), request, cancellationToken));
    }
}
