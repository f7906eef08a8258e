using Microsoft.EntityFrameworkCore;
using Workflow.Engine.Execution;
using Workflow.Persistence.Instances;
using Workflow.Persistence.Storage;

namespace Workflow.Engine.Tests.Support;

/// <summary>
/// Checks that a database holds only whole transitions: each instance's waiting paths match its bookmarks, every bookmark and
/// timer belongs to an open instance, a parent waits only for a child that still runs, and every journal chain verifies.
/// </summary>
public static class DatabaseAudit
{
    /// <param name="correlationId">Audits only the instances of this correlation (children inherit it); all when null.</param>
    public static async Task<IReadOnlyList<string>> ProblemsAsync(IDbContextFactory<WorkflowDbContext> contexts, InstanceQueries queries, string? correlationId = null)
    {
        var problems = new List<string>();
        await using var db = await contexts.CreateDbContextAsync();
        var scope = db.Instances.AsNoTracking().Where(i => correlationId == null || i.CorrelationId == correlationId);
        var instances = await scope.ToDictionaryAsync(i => i.Id);
        var allBookmarks = correlationId is null ? db.Bookmarks : db.Bookmarks.Where(b => scope.Select(i => i.Id).Contains(b.InstanceId));
        var allTimers = correlationId is null ? db.Timers : db.Timers.Where(t => scope.Select(i => i.Id).Contains(t.InstanceId));
        var bookmarkRows = await allBookmarks.AsNoTracking().ToListAsync();
        var bookmarks = bookmarkRows.ToLookup(b => b.InstanceId);
        var timers = await allTimers.AsNoTracking().Where(t => t.FiredAt == null).ToListAsync();
        var bookmarkIds = bookmarkRows.Select(b => b.Id).ToHashSet();
        foreach (var instance in instances.Values)
        {
            var state = InstanceState.FromJson(instance.State);
            var waiting = state.Tokens.Select(t => t.BookmarkId).ToList();
            var open = bookmarks[instance.Id].Select(b => (Guid?)b.Id).ToHashSet();
            if (instance.Status is not (InstanceStatus.Blocked or InstanceStatus.Finished or InstanceStatus.Cancelled))
                problems.Add($"{instance.Id}: status {instance.Status}");
            if (instance.Status == InstanceStatus.Blocked && open.Count == 0)
                problems.Add($"{instance.Id}: blocked with nothing to wait for");
            if (instance.Status != InstanceStatus.Blocked && open.Count > 0)
                problems.Add($"{instance.Id}: {instance.Status} but still has bookmarks");
            if (waiting.Any(w => w is null))
                problems.Add($"{instance.Id}: a path is neither waiting nor ended");
            if (!open.SetEquals(waiting))
                problems.Add($"{instance.Id}: paths wait on [{string.Join(",", waiting)}] but bookmarks are [{string.Join(",", open)}]");
            var chain = await queries.VerifyJournalAsync(instance.Id);
            if (!chain.Valid) problems.Add($"{instance.Id}: journal broken at {chain.FirstBadSequence}: {chain.Reason}");
        }
        foreach (var bookmark in bookmarkRows)
        {
            if (!instances.ContainsKey(bookmark.InstanceId))
                problems.Add($"bookmark {bookmark.Id} belongs to no instance");
            if (bookmark.Kind == BookmarkKind.ChildWorkflow && !(bookmark.ChildInstanceId is { } child
                && instances.TryGetValue(child, out var row) && row.Status is InstanceStatus.Blocked or InstanceStatus.Faulted))
                problems.Add($"bookmark {bookmark.Id} waits for child {bookmark.ChildInstanceId}, which no longer runs");
        }
        problems.AddRange(timers.Where(t => !bookmarkIds.Contains(t.BookmarkId)).Select(t => $"timer {t.Key} belongs to no open bookmark"));
        return problems;
    }
}
