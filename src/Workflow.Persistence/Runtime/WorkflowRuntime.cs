using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Workflow.Engine;
using Workflow.Engine.Definitions;
using Workflow.Engine.Execution;
using Workflow.Engine.Journal;
using Workflow.Persistence.Definitions;
using Workflow.Persistence.Storage;
using Workflow.Persistence.Stores;

namespace Workflow.Persistence.Runtime;

/// <summary>
/// Starts and resumes instances. Each call is one database transaction: the instance, its bookmarks,
/// timers, journal and notifications change together or not at all. A failing activity rolls the
/// transition back and leaves the instance faulted with an incident that can be retried.
/// </summary>
public sealed class WorkflowRuntime(
    IDbContextFactory<WorkflowDbContext> contexts,
    TransitionStore store,
    DefinitionStore definitions,
    WorkflowExecutor executor,
    WriteGate gate,
    IWorkflowScheduler scheduler,
    INotificationPort notifications,
    TimeProvider clock,
    JournalKey journalKey,
    IEnumerable<IInstanceFinishedObserver> finishedObservers,
    ILogger<WorkflowRuntime> logger)
{
    public Task<TransitionResult> StartAsync(string definitionId, JsonObject input, string? correlationId, string actor, int? version = null, CancellationToken cancellationToken = default) =>
        StartAsync(definitionId, input, correlationId, actor, null, version, cancellationToken);

    /// <summary>
    /// Starts an instance and runs <paramref name="write"/> in the same transaction, before the first step: the domain row that asked for
    /// the instance and the instance commit together or not at all. When the start faults, the write runs again with the incident, so
    /// the row and its faulted instance still come together.
    /// </summary>
    public async Task<TransitionResult> StartAsync(string definitionId, JsonObject input, string? correlationId, string actor, StartWrite? write, int? version = null,
        CancellationToken cancellationToken = default)
    {
        WorkflowDefinition definition = null!;
        var instanceId = Guid.CreateVersion7(clock.GetUtcNow());
        var failed = new FailedEvent(FailedEvent.Start, actor, Input: input);
        return await GuardAsync(instanceId, failed, () => TransactAsync(async scope =>
        {
            // The latest version is read in the transaction: a start never runs on a version older than one already committed.
            definition = await definitions.GetAsync(definitionId, version ?? scope.Store.LatestDefinitionVersion(definitionId), cancellationToken);
            var row = scope.AddInstance(new InstanceRow
            {
                Id = instanceId, DefinitionId = definition.Id, DefinitionVersion = definition.Version, CorrelationId = correlationId,
                State = "{}", CreatedAt = scope.Now,
            });
            if (write is not null) await write(instanceId, scope.UnitOfWork, cancellationToken);
            var transition = await executor.StartAsync(definition, instanceId, input, actor, scope.UnitOfWork, cancellationToken);
            await scope.ApplyAsync(row, transition);
            return Result(scope, row);
        }, cancellationToken), () => new InstanceRow
        {
            Id = instanceId, DefinitionId = definition.Id, DefinitionVersion = definition.Version, CorrelationId = correlationId,
            State = new InstanceState { Input = input }.ToJson(), CreatedAt = clock.GetUtcNow(),
        }, write, cancellationToken);
    }

    /// <exception cref="ConcurrencyConflictException">Someone resumed the bookmark first.</exception>
    /// <exception cref="InvalidPayloadException">The decision does not fit the task.</exception>
    public Task<TransitionResult> ResumeAsync(ResumeRequest request, CancellationToken cancellationToken = default) => ResumeAsync(request, null, cancellationToken);

    /// <summary>Resumes the bookmark once <paramref name="admit"/> lets it.</summary>
    /// <param name="admit">
    /// Runs in the transition on the bookmark it read, before anything else: whatever it throws fails this transition alone, with
    /// nothing written. A host checks there who may act, without reading the bookmark a second time before the transition, and may
    /// read and write its own rows on the transition's transaction: they commit with it or not at all.
    /// </param>
    public async Task<TransitionResult> ResumeAsync(ResumeRequest request, Action<BookmarkRow, TransitionUnitOfWork>? admit, CancellationToken cancellationToken = default)
    {
        var failed = new FailedEvent(FailedEvent.Resume, request.Actor, BookmarkId: request.BookmarkId, Outcome: request.Outcome, Form: request.Form, Comment: request.Comment);
        Guid instanceId = default;
        return await GuardAsync(() => instanceId, failed, () => TransactAsync(async scope =>
        {
            var (instance, bookmark) = LoadWaiting(scope, request.BookmarkId, allowFaulted: false, admit);
            instanceId = instance.Id;
            return await ResumeInScopeAsync(scope, instance, bookmark, request);
        }, cancellationToken), cancellationToken);
    }

    /// <summary>Called by the scheduler when a timer is due. Fires each timer key at most once, however often it is called.</summary>
    public async Task FireTimerAsync(string key, CancellationToken cancellationToken = default)
    {
        Guid instanceId = default;
        await GuardAsync(() => instanceId, new FailedEvent(FailedEvent.Timer, "timer", TimerKey: key), () => TransactAsync(async scope =>
        {
            var timer = scope.Store.FindTimer(key);
            if (timer is null || timer.FiredAt is not null) return None;
            var instance = scope.FindInstance(timer.InstanceId);
            if (instance is null || instance.Status != InstanceStatus.Blocked) return None;
            instanceId = instance.Id;
            return await FireInScopeAsync(scope, instance, timer);
        }, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// Cancels an instance. A child's waiting parent goes on with the outcome <c>cancelled</c> in the same transaction; when
    /// the parent cannot take that route, the child is cancelled all the same and the parent faults with an incident.
    /// </summary>
    public async Task<TransitionResult> CancelAsync(Guid instanceId, string actor, string? reason, CancellationToken cancellationToken = default)
    {
        try
        {
            return await TransactAsync(scope => CancelInScopeAsync(scope, instanceId, actor, reason), cancellationToken);
        }
        catch (ActivityFaultException fault)
        {
            // Cancelling closes bookmarks and runs nothing, so the fault came from the parent that the cancelled child resumed.
            return await TransactAsync(async scope =>
            {
                var child = scope.FindInstance(instanceId) ?? throw NotFound(instanceId);
                if (child.ParentInstanceId is not { } parentId || scope.FindInstance(parentId) is not { } parent)
                    throw new InvalidOperationException($"instance {instanceId} faulted while being cancelled: {fault.Message}", fault);
                logger.LogWarning(fault, "Instance {ParentId} faulted at {ActivityId} when its child {ChildId} was cancelled", parentId, fault.ActivityId, instanceId);
                // Faulted first, so that the child's cancellation leaves the parent where it waits, with the incident to retry.
                RecordIncident(scope, parent, fault, new FailedEvent(FailedEvent.Resume, "system", BookmarkId: child.ParentBookmarkId,
                    Outcome: ChildWorkflowActivity.CancelledOutcome));
                return await CancelInScopeAsync(scope, instanceId, actor, reason);
            }, cancellationToken);
        }
    }

    private async Task<TransitionResult> CancelInScopeAsync(TransitionScope scope, Guid instanceId, string actor, string? reason)
    {
        var instance = scope.FindInstance(instanceId) ?? throw NotFound(instanceId);
        if (instance.Status is not (InstanceStatus.Blocked or InstanceStatus.Faulted))
            throw new WorkflowException(WorkflowError.InstanceNotActive, $"instance {instanceId} is {instance.Status.ToString().ToLowerInvariant()} and cannot be cancelled");
        var definition = await definitions.GetAsync(instance.DefinitionId, instance.DefinitionVersion, scope.CancellationToken);
        var transition = executor.Cancel(definition, instanceId, InstanceState.FromJson(instance.State), actor, reason);
        await scope.ApplyAsync(instance, transition);
        scope.Store.ResolveIncidents(instanceId, scope.Now, actor);
        return Result(scope, instance);
    }

    /// <summary>Applies an incident's failed event again, after its cause has been fixed.</summary>
    /// <exception cref="WorkflowException">The retry failed too; the incident stays open and nothing changes.</exception>
    public async Task<TransitionResult> RetryAsync(Guid incidentId, string actor, CancellationToken cancellationToken = default)
    {
        var (result, timers) = await TransactAsync(async scope =>
        {
            var incident = scope.Store.FindOpenIncident(incidentId)
                ?? throw new WorkflowException(WorkflowError.IncidentNotFound, $"no open incident {incidentId}");
            var instance = scope.FindInstance(incident.InstanceId) ?? throw NotFound(incident.InstanceId);
            var failed = FailedEvent.FromJson(incident.Event);
            scope.AppendJournal(instance, [new JournalRecord(scope.Now, actor, JournalKind.Retried, incident.ActivityId, null, null, null)]);
            scope.Store.ResolveIncidents(instance.Id, scope.Now, actor);
            var definition = await definitions.GetAsync(instance.DefinitionId, instance.DefinitionVersion, cancellationToken);
            TransitionResult outcome;
            if (failed.Kind == FailedEvent.Start)
            {
                var transition = await executor.StartAsync(definition, instance.Id, failed.Input ?? [], failed.Actor, scope.UnitOfWork, cancellationToken);
                await scope.ApplyAsync(instance, transition);
                outcome = Result(scope, instance);
            }
            else
            {
                instance.Status = InstanceStatus.Blocked;
                outcome = failed.Kind == FailedEvent.Timer
                    ? await RetryTimerAsync(scope, instance, failed.TimerKey!)
                    : await ResumeInScopeAsync(scope, instance, LoadWaiting(scope, failed.BookmarkId!.Value, allowFaulted: true).Bookmark,
                        new ResumeRequest(failed.BookmarkId!.Value, failed.Actor, failed.Outcome, failed.Form, failed.Comment));
            }
            return (outcome, scope.Store.UnfiredTimersOf(instance.Id));
        }, cancellationToken);
        // Timers that came due while the instance was faulted were skipped; hand them to the scheduler again.
        foreach (var timer in timers) scheduler.Schedule(new ScheduledTimer(timer.Key, timer.InstanceId, timer.BookmarkId, timer.DueAt, timer.Purpose));
        return result;
    }

    /// <summary>
    /// After a change to the working calendar: each open task not yet due whose rule now falls on another day is due then, with
    /// its unfired reminders and escalation, one journalled transition per task. Answers how many moved.
    /// </summary>
    public async Task<int> MoveDueDatesAsync(string actor, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        List<(BookmarkRow Bookmark, string DefinitionId, int Version)> open;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            open = [.. (await db.Bookmarks.AsNoTracking().Where(b => b.Kind == BookmarkKind.UserTask && b.DueAt > now)
                .Join(db.Instances, b => b.InstanceId, i => i.Id, (b, i) => new { Bookmark = b, i.DefinitionId, i.DefinitionVersion })
                .ToListAsync(cancellationToken)).Select(o => (o.Bookmark, o.DefinitionId, o.DefinitionVersion))];
        }
        var moved = 0;
        foreach (var (bookmark, definitionId, version) in open)
        {
            // Most tasks stay as they are: only those the calendar now moves cost a transaction.
            if (executor.DueMoveOf(await definitions.GetAsync(definitionId, version, cancellationToken), bookmark.ToModel(), now) is null) continue;
            if (await MoveDueAsync(bookmark.Id, actor, cancellationToken)) moved++;
        }
        return moved;
    }

    private async Task<bool> MoveDueAsync(Guid bookmarkId, string actor, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await TransactAsync(scope => MoveDueInScopeAsync(scope, bookmarkId, actor), cancellationToken);
            }
            catch (ConcurrencyConflictException) when (attempt < 3)
            {
                // The instance moved on meanwhile (another of its tasks decided, a reminder fired): read it again. Once the task
                // itself is decided, the next attempt finds nothing to move.
            }
        }
    }

    private async Task<bool> MoveDueInScopeAsync(TransitionScope scope, Guid bookmarkId, string actor)
    {
        if (scope.FindBookmark(bookmarkId) is not { } bookmark || scope.FindInstance(bookmark.InstanceId) is not { Status: InstanceStatus.Blocked } instance) return false;
        var definition = await definitions.GetAsync(instance.DefinitionId, instance.DefinitionVersion, scope.CancellationToken);
        var unfired = scope.Store.UnfiredTimersOf(instance.Id).Where(t => t.BookmarkId == bookmarkId).Select(t => t.Key).ToList();
        if (executor.MoveDue(definition, instance.Id, InstanceState.FromJson(instance.State), bookmark.ToModel(), unfired, actor) is not { } transition) return false;
        await scope.ApplyAsync(instance, transition);
        return true;
    }

    /// <summary>At start-up: hands every unfired timer to the scheduler again and re-sends notifications that were not handed over before a stop.</summary>
    public async Task<RecoveryReport> RecoverAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var timers = await db.Timers.AsNoTracking().Where(t => t.FiredAt == null).ToListAsync(cancellationToken);
        foreach (var timer in timers) scheduler.Schedule(new ScheduledTimer(timer.Key, timer.InstanceId, timer.BookmarkId, timer.DueAt, timer.Purpose));
        var pending = await db.Outbox.AsNoTracking().Where(o => o.DispatchedAt == null).OrderBy(o => o.CreatedAt).ToListAsync(cancellationToken);
        await DispatchAsync(pending.Select(o => NotificationJson.Read(o.Message)).ToList(), cancellationToken);
        return new RecoveryReport(timers.Count, pending.Count);
    }

    private static readonly TransitionResult None = new(Guid.Empty, InstanceStatus.Blocked, null, []);

    private static (InstanceRow Instance, BookmarkRow Bookmark) LoadWaiting(TransitionScope scope, Guid bookmarkId, bool allowFaulted, Action<BookmarkRow, TransitionUnitOfWork>? admit = null)
    {
        var bookmark = scope.FindBookmark(bookmarkId);
        if (bookmark is null)
        {
            if (scope.Store.FindClosing(bookmarkId) is not { } taken) throw new WorkflowException(WorkflowError.BookmarkNotFound, $"no open bookmark {bookmarkId}");
            if (taken.Kind == JournalKind.BranchCancelled)
                throw new WorkflowException(WorkflowError.BookmarkNotFound, $"bookmark {bookmarkId} was closed when its branch was cancelled at {taken.At:O}");
            throw new ConcurrencyConflictException(bookmarkId, taken.Actor, taken.At);
        }
        admit?.Invoke(bookmark, scope.UnitOfWork);
        var instance = scope.FindInstance(bookmark.InstanceId) ?? throw NotFound(bookmark.InstanceId);
        if (instance.Status == InstanceStatus.Faulted && !allowFaulted)
            throw new WorkflowException(WorkflowError.InstanceNotActive, $"instance {instance.Id} is faulted: retry or cancel its incident first");
        if (instance.Status is not (InstanceStatus.Blocked or InstanceStatus.Faulted))
            throw new WorkflowException(WorkflowError.InstanceNotActive, $"instance {instance.Id} is {instance.Status.ToString().ToLowerInvariant()}");
        return (instance, bookmark);
    }

    private async Task<TransitionResult> ResumeInScopeAsync(TransitionScope scope, InstanceRow instance, BookmarkRow bookmark, ResumeRequest request)
    {
        var definition = await definitions.GetAsync(instance.DefinitionId, instance.DefinitionVersion, scope.CancellationToken);
        var transition = await executor.ResumeAsync(definition, instance.Id, InstanceState.FromJson(instance.State), bookmark.ToModel(), request, scope.UnitOfWork, scope.CancellationToken);
        await scope.ApplyAsync(instance, transition);
        return Result(scope, instance);
    }

    private async Task<TransitionResult> FireInScopeAsync(TransitionScope scope, InstanceRow instance, TimerRow timer)
    {
        if (!scope.Store.MarkTimerFired(timer.Key, scope.Now)) return None;
        var bookmark = scope.FindBookmark(timer.BookmarkId);
        if (bookmark is null) return None;
        if (timer.Purpose == TimerPurpose.Resume)
            return await ResumeInScopeAsync(scope, instance, bookmark, new ResumeRequest(bookmark.Id, "timer"));
        var definition = await definitions.GetAsync(instance.DefinitionId, instance.DefinitionVersion, scope.CancellationToken);
        var transition = executor.Remind(definition, instance.Id, InstanceState.FromJson(instance.State), bookmark.ToModel(), timer.Purpose, timer.DueAt);
        transition.Status = instance.Status;
        await scope.ApplyAsync(instance, transition);
        return Result(scope, instance);
    }

    private async Task<TransitionResult> RetryTimerAsync(TransitionScope scope, InstanceRow instance, string key)
    {
        var timer = scope.Store.FindTimer(key);
        return timer is null || timer.FiredAt is not null ? Result(scope, instance) : await FireInScopeAsync(scope, instance, timer);
    }

    private static TransitionResult Result(TransitionScope scope, InstanceRow instance) =>
        new(instance.Id, instance.Status, instance.Result, [.. scope.Opened]);

    private static WorkflowException NotFound(Guid id) => new(WorkflowError.InstanceNotFound, $"no instance {id}");

    private Task<TransitionResult> GuardAsync(Func<Guid> instanceId, FailedEvent failed, Func<Task<TransitionResult>> work, CancellationToken cancellationToken) =>
        GuardAsync(instanceId, failed, work, null, null, cancellationToken);

    private Task<TransitionResult> GuardAsync(Guid instanceId, FailedEvent failed, Func<Task<TransitionResult>> work, Func<InstanceRow> newRow, StartWrite? write,
        CancellationToken cancellationToken) =>
        GuardAsync(() => instanceId, failed, work, newRow, write, cancellationToken);

    /// <summary>Runs a transition; when an activity faults, records the incident in a transaction of its own.</summary>
    private async Task<TransitionResult> GuardAsync(Func<Guid> instanceId, FailedEvent failed, Func<Task<TransitionResult>> work, Func<InstanceRow>? newRow, StartWrite? write,
        CancellationToken cancellationToken)
    {
        try
        {
            return await work();
        }
        catch (ActivityFaultException fault) when (instanceId() != Guid.Empty)
        {
            logger.LogWarning(fault, "Instance {InstanceId} faulted at {ActivityId}", instanceId(), fault.ActivityId);
            return await TransactAsync(async scope =>
            {
                var instance = scope.FindInstance(instanceId());
                if (instance is null)
                {
                    instance = scope.AddInstance(newRow!());
                    if (write is not null) await write(instance.Id, scope.UnitOfWork, cancellationToken);
                }
                var incident = RecordIncident(scope, instance, fault, failed);
                return new TransitionResult(instance.Id, InstanceStatus.Faulted, null, [], incident);
            }, cancellationToken);
        }
    }

    /// <summary>Marks the instance faulted and keeps the failed event with an incident, so that a retry applies it again.</summary>
    private static Guid RecordIncident(TransitionScope scope, InstanceRow instance, ActivityFaultException fault, FailedEvent failed)
    {
        instance.Status = InstanceStatus.Faulted;
        instance.Revision++;
        instance.UpdatedAt = scope.Now;
        var incident = new IncidentRow
        {
            Id = Guid.CreateVersion7(scope.Now), InstanceId = instance.Id, ActivityId = fault.ActivityId, Message = fault.Message,
            Detail = fault.InnerException?.ToString() ?? fault.ToString(), Event = failed.ToJson(), CreatedAt = scope.Now,
        };
        scope.Store.InsertIncident(incident);
        scope.AppendJournal(instance, [new JournalRecord(scope.Now, failed.Actor, JournalKind.Faulted, fault.ActivityId, null, failed.BookmarkId,
            new JsonObject { ["incident"] = incident.Id.ToString(), ["message"] = fault.Message }.ToJsonString(EngineJson.Options))]);
        return incident.Id;
    }

    private async Task<T> TransactAsync<T>(Func<TransitionScope, Task<T>> work, CancellationToken cancellationToken)
    {
        // The store answers once the commit holding this transition is durable; on SQLite that commit may hold its batch-mates too.
        var (scope, result) = await store.RunAsync(async session =>
        {
            var scope = new TransitionScope(session, definitions, executor, journalKey, clock.GetUtcNow(), cancellationToken);
            var result = await work(scope);
            scope.Flush();
            return (scope, result);
        }, cancellationToken);
        foreach (var key in scope.ToUnschedule) scheduler.Cancel(key);
        foreach (var timer in scope.ToSchedule) scheduler.Schedule(timer);
        if (scope.ToSend.Count > 0) await DispatchAsync(scope.ToSend, cancellationToken);
        foreach (var finished in scope.Finished) await TellFinishedAsync(finished, cancellationToken);
        return result;
    }

    private async Task TellFinishedAsync(InstanceFinished finished, CancellationToken cancellationToken)
    {
        foreach (var observer in finishedObservers)
        {
            try
            {
                await observer.OnFinishedAsync(finished, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The transition stands; the observer's own sweep catches up on what it missed.
                logger.LogError(ex, "{Observer} failed on the end of instance {InstanceId}", observer.GetType().Name, finished.InstanceId);
            }
        }
    }

    private async Task DispatchAsync(IReadOnlyList<NotificationMessage> messages, CancellationToken cancellationToken)
    {
        var sent = new List<Guid>();
        foreach (var message in messages)
        {
            try
            {
                await notifications.SendAsync(message, cancellationToken);
                sent.Add(message.Id);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The outbox row stays undispatched; start-up recovery hands it over again.
                logger.LogError(ex, "Notification {MessageId} could not be handed over", message.Id);
            }
        }
        if (sent.Count == 0) return;
        using (await gate.EnterAsync(cancellationToken))
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var now = clock.GetUtcNow();
            await db.Outbox.Where(o => sent.Contains(o.Id)).ExecuteUpdateAsync(s => s.SetProperty(o => o.DispatchedAt, now), cancellationToken);
        }
    }
}
