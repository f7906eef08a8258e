using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Workflow.Engine.Definitions;
using Workflow.Engine.Execution;
using Workflow.Engine.Tests.Support;
using Workflow.Persistence.Storage;

namespace Workflow.Engine.Tests.Properties;

/// <summary>
/// Publishes one generated definition, starts instances of it and drives them: first with random events (decisions with random
/// outcomes, timer firings, stale and malformed resumes, cancellations), then forward only until every instance ends. After
/// every event it audits the database. A failure names the seed, the events so far and the definition.
/// </summary>
internal sealed class InstanceDriver(EngineHost host, int seed, string definitionJson)
{
    private readonly Random _random = new(seed);
    private readonly string _correlation = $"prop-{seed}";
    private readonly IDbContextFactory<WorkflowDbContext> _contexts = host.Get<IDbContextFactory<WorkflowDbContext>>();
    private readonly List<Guid> _started = [];
    private readonly List<Guid> _seenBookmarks = [];
    private readonly List<string> _firedTimers = [];
    private readonly StringBuilder _log = new();
    private WorkflowDefinition _definition = null!;
    private WorkflowDefinition _child = null!;

    public async Task RunAsync(int instances, int randomEvents, int forwardLimit)
    {
        var published = await host.PublishAsync(definitionJson);
        _definition = await host.Definitions.GetAsync(published.DefinitionId, published.Version);
        _child = await host.Definitions.GetAsync(DefinitionGenerator.WaitingChild);
        for (var i = 0; i < instances; i++)
        {
            var input = new JsonObject { ["seed"] = _random.Next(10), ["region"] = "370102" };
            await StepAsync($"start {input.ToJsonString()}", async () =>
                _started.Add((await host.Runtime.StartAsync(_definition.Id, input, _correlation, "officer-1")).InstanceId));
        }
        for (var i = 0; i < randomEvents; i++)
        {
            var open = await OpenAsync();
            if (open.Waiting.Count == 0) break;
            await RandomEventAsync(open);
        }
        for (var i = 0; ; i++)
        {
            var open = await OpenAsync();
            var next = open.Waiting.FirstOrDefault(b => b.Kind != BookmarkKind.ChildWorkflow);
            if (next is null) break;
            if (i == forwardLimit) Fail($"still waiting after {forwardLimit} forward steps");
            await ForwardAsync(next, open);
        }
        await using var db = await _contexts.CreateDbContextAsync();
        var unfinished = await db.Instances.AsNoTracking()
            .Where(x => x.CorrelationId == _correlation && x.Status != InstanceStatus.Finished && x.Status != InstanceStatus.Cancelled)
            .Select(x => new { x.Id, x.Status }).ToListAsync();
        if (unfinished.Count > 0) Fail("driven forward, these did not end: " + string.Join(", ", unfinished.Select(u => $"{u.Id} {u.Status}")));
    }

    private async Task RandomEventAsync(OpenWork open)
    {
        var actionable = open.Waiting.Where(b => b.Kind != BookmarkKind.ChildWorkflow).ToList();
        var closed = _seenBookmarks.Where(id => open.Waiting.All(b => b.Id != id)).ToList();
        var roll = _random.Next(100);
        if (roll < 65 && actionable.Count > 0)
        {
            var bookmark = Pick(actionable);
            if (bookmark.Kind == BookmarkKind.Timer) await FireAsync(open.Timers.First(t => t.BookmarkId == bookmark.Id));
            else await DecideAsync(bookmark, RandomOutcome(UserTaskOf(bookmark)));
        }
        else if (roll < 80 && open.Timers.Count > 0)
        {
            await FireAsync(Pick(open.Timers));
        }
        else if (roll < 87 && closed.Count > 0)
        {
            var stale = Pick(closed);
            await UnchangedAsync($"resume closed bookmark {stale}", () => host.DecideAsync(stale, "approve"),
                e => e.Error is WorkflowError.BookmarkNotFound or WorkflowError.ConcurrencyConflict);
        }
        else if (roll < 92 && _firedTimers.Count > 0)
        {
            var key = Pick(_firedTimers);
            await UnchangedAsync($"fire timer {key} again", () => host.Runtime.FireTimerAsync(key), _ => false);
        }
        else if (roll < 97 && actionable.FirstOrDefault(b => b.Kind == BookmarkKind.UserTask) is { } task)
        {
            await UnchangedAsync($"decide {task.ActivityId} with an unknown outcome", () => host.DecideAsync(task.Id, "teleport"),
                e => e.Error == WorkflowError.InvalidPayload);
        }
        else if (open.Blocked.Count > 0)
        {
            var instance = Pick(open.Blocked);
            await StepAsync($"cancel {instance}", () => host.Runtime.CancelAsync(instance, "officer-1", "property test"));
        }
    }

    private async Task ForwardAsync(BookmarkRow bookmark, OpenWork open)
    {
        if (bookmark.Kind == BookmarkKind.Timer) await FireAsync(open.Timers.First(t => t.BookmarkId == bookmark.Id && t.Purpose == TimerPurpose.Resume));
        else await DecideAsync(bookmark, UserTaskOf(bookmark).Outcomes[0]);
    }

    /// <summary>Mostly forward, so that instances live long enough to reach nested forks and loops; otherwise any outcome.</summary>
    private string RandomOutcome(UserTaskActivity task) => _random.Next(3) == 0 ? Pick(task.Outcomes) : task.Outcomes[0];

    private UserTaskActivity UserTaskOf(BookmarkRow bookmark) =>
        (UserTaskActivity)(_started.Contains(bookmark.InstanceId) ? _definition : _child).Activity(bookmark.ActivityId);

    private Task DecideAsync(BookmarkRow bookmark, string outcome)
    {
        var task = UserTaskOf(bookmark);
        JsonObject? form = null;
        if (task.Form.Count > 0)
        {
            form = new JsonObject { ["opinion"] = $"意见 {_random.Next(100)}" };
            if (_random.Next(2) == 0) form["score"] = _random.Next(5);
        }
        return StepAsync($"decide {bookmark.ActivityId} ({bookmark.TokenId}) of {bookmark.InstanceId}: {outcome}",
            () => host.Runtime.ResumeAsync(new ResumeRequest(bookmark.Id, "approver-1", outcome, form, _random.Next(4) == 0 ? "请补充材料" : null)));
    }

    private Task FireAsync(TimerRow timer)
    {
        // Timers fire when the clock reaches them; the clock only moves forward.
        if (timer.DueAt > host.Clock.GetUtcNow()) host.Clock.Set(timer.DueAt);
        _firedTimers.Add(timer.Key);
        host.Scheduler.Forget(timer.Key);
        return StepAsync($"fire {timer.Purpose} timer {timer.Key} due {timer.DueAt:O}", () => host.Runtime.FireTimerAsync(timer.Key));
    }

    /// <summary>An event that must change nothing: it is refused with the expected error, or does nothing at all.</summary>
    private async Task UnchangedAsync(string what, Func<Task> act, Func<WorkflowException, bool> expected)
    {
        var before = await FingerprintAsync();
        await StepAsync(what, async () =>
        {
            try
            {
                await act();
            }
            catch (WorkflowException ex) when (expected(ex))
            {
            }
        });
        var after = await FingerprintAsync();
        if (before != after) Fail($"'{what}' changed the database: {before} → {after}");
    }

    private async Task StepAsync(string what, Func<Task> act)
    {
        _log.AppendLine(what);
        try
        {
            await act();
        }
        catch (Exception ex)
        {
            Fail($"'{what}' threw {ex}");
        }
        var problems = await DatabaseAudit.ProblemsAsync(_contexts, host.Instances, _correlation);
        if (problems.Count > 0) Fail($"after '{what}':\n  " + string.Join("\n  ", problems));
    }

    private async Task<string> FingerprintAsync()
    {
        await using var db = await _contexts.CreateDbContextAsync();
        var ids = db.Instances.Where(i => i.CorrelationId == _correlation).Select(i => i.Id);
        var revisions = await db.Instances.Where(i => i.CorrelationId == _correlation).SumAsync(i => i.Revision);
        var journal = await db.Journal.CountAsync(j => ids.Contains(j.InstanceId));
        var bookmarks = await db.Bookmarks.CountAsync(b => ids.Contains(b.InstanceId));
        var fired = await db.Timers.CountAsync(t => ids.Contains(t.InstanceId) && t.FiredAt != null);
        return $"revisions {revisions}, journal rows {journal}, bookmarks {bookmarks}, fired timers {fired}";
    }

    private sealed record OpenWork(IReadOnlyList<BookmarkRow> Waiting, IReadOnlyList<TimerRow> Timers, IReadOnlyList<Guid> Blocked);

    /// <summary>
    /// The open bookmarks and unfired timers, in an order that does not depend on ids (UUIDv7 ids carry random bits), so that
    /// a seed replays the same events: by instance (started order; a child after its parent's waiting path), then activity and path.
    /// </summary>
    private async Task<OpenWork> OpenAsync()
    {
        await using var db = await _contexts.CreateDbContextAsync();
        var ids = db.Instances.Where(i => i.CorrelationId == _correlation).Select(i => i.Id);
        var bookmarks = await db.Bookmarks.AsNoTracking().Where(b => ids.Contains(b.InstanceId)).ToListAsync();
        var timers = await db.Timers.AsNoTracking().Where(t => t.FiredAt == null && ids.Contains(t.InstanceId)).ToListAsync();
        var blocked = await db.Instances.AsNoTracking().Where(i => i.CorrelationId == _correlation && i.Status == InstanceStatus.Blocked && i.ParentInstanceId == null)
            .Select(i => i.Id).ToListAsync();
        var order = new Dictionary<Guid, string>();
        for (var i = 0; i < _started.Count; i++) order[_started[i]] = $"{i:D3}";
        foreach (var parent in bookmarks.Where(b => b.Kind == BookmarkKind.ChildWorkflow && order.ContainsKey(b.InstanceId)).ToList())
            order[parent.ChildInstanceId!.Value] = $"{order[parent.InstanceId]}/{parent.ActivityId}:{parent.TokenId}";
        string Place(BookmarkRow b) => $"{order.GetValueOrDefault(b.InstanceId, "?")}|{b.ActivityId}|{b.TokenId}";
        var byId = bookmarks.ToDictionary(b => b.Id);
        bookmarks = [.. bookmarks.OrderBy(Place, StringComparer.Ordinal)];
        timers = [.. timers.OrderBy(t => $"{Place(byId[t.BookmarkId])}|{t.Purpose}|{t.Key[t.Key.IndexOf(':', StringComparison.Ordinal)..]}", StringComparer.Ordinal)];
        _seenBookmarks.AddRange(bookmarks.Select(b => b.Id).Where(id => !_seenBookmarks.Contains(id)));
        return new OpenWork(bookmarks, timers, [.. blocked.OrderBy(id => order[id], StringComparer.Ordinal)]);
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    [DoesNotReturn]
    private void Fail(string reason) =>
        Assert.Fail($"seed {seed}, definition '{_definition?.Id}': {reason}\nevents:\n{_log}\ndefinition:\n{JsonNode.Parse(definitionJson)!.ToJsonString(new() { WriteIndented = true })}");
}
