using Microsoft.EntityFrameworkCore;
using Workflow.Engine.Execution;
using Workflow.Persistence.Instances;
using Workflow.Persistence.Storage;

namespace Workflow.Engine.Tests.Support;

/// <summary>Checks that a database holds only whole transitions: each instance's waiting paths match its bookmarks, timers belong to open bookmarks, and every journal chain verifies.</summary>
public static class DatabaseAudit
{
    public static async Task<IReadOnlyList<string>> ProblemsAsync(IDbContextFactory<WorkflowDbContext> contexts, InstanceQueries queries)
    {
        var problems = new List<string>();
        await using var db = await contexts.CreateDbContextAsync();
        var instances = await db.Instances.AsNoTracking().ToListAsync();
        var bookmarks = (await db.Bookmarks.AsNoTracking().ToListAsync()).ToLookup(b => b.InstanceId);
        var timers = await db.Timers.AsNoTracking().Where(t => t.FiredAt == null).ToListAsync();
        var bookmarkIds = bookmarks.SelectMany(g => g).Select(b => b.Id).ToHashSet();
        foreach (var instance in instances)
        {
            var state = InstanceState.FromJson(instance.State);
            var waiting = state.Tokens.Select(t => t.BookmarkId).ToList();
            var open = bookmarks[instance.Id].Select(b => (Guid?)b.Id).ToHashSet();
            if (instance.Status is not (InstanceStatus.Blocked or InstanceStatus.Finished or InstanceStatus.Cancelled))
                problems.Add($"{instance.Id}: status {instance.Status}");
            if (instance.Status == InstanceStatus.Blocked && open.Count == 0)
                problems.Add($"{instance.Id}: blocked with nothing to wait for");
            if (waiting.Any(w => w is null))
                problems.Add($"{instance.Id}: a path is neither waiting nor ended");
            if (!open.SetEquals(waiting))
                problems.Add($"{instance.Id}: paths wait on [{string.Join(",", waiting)}] but bookmarks are [{string.Join(",", open)}]");
            var chain = await queries.VerifyJournalAsync(instance.Id);
            if (!chain.Valid) problems.Add($"{instance.Id}: journal broken at {chain.FirstBadSequence}: {chain.Reason}");
        }
        problems.AddRange(timers.Where(t => !bookmarkIds.Contains(t.BookmarkId)).Select(t => $"timer {t.Key} belongs to no open bookmark"));
        return problems;
    }
}
