using Workflow.Engine.Execution;
using Workflow.Federation.Regions;
using Workflow.Persistence.Storage;
using Workflow.Server.Accounts;

namespace Workflow.Server.Tasks;

/// <summary>
/// The inbox's scope, filters and tabs as SQL, so that counting a tab or reading its page costs one small query whatever
/// the number of open tasks (materializing every open task in scope cost more than everything else on the page).
/// </summary>
internal static class TaskFilters
{
    /// <summary>The open user tasks the caller may see: handed to her, personal to her, or for her role in her region and below.</summary>
    public static IQueryable<BookmarkRow> InScope(this IQueryable<BookmarkRow> bookmarks, Caller caller, TaskClaims claims)
    {
        var roles = caller.Roles.ToList();
        var me = caller.Id.ToString();
        var scope = RegionCode.PrefixOf(caller.RegionCode);
        var handedToCaller = claims.HeldByCaller();
        return bookmarks.Where(b => b.Kind == BookmarkKind.UserTask && (
            handedToCaller.Contains(b.Id)
            || b.AssigneeUserId == me
            || (b.AssigneeUserId == null && b.Role != null && roles.Contains(b.Role)
                && (b.ApproverKind == null || b.ApproverKind == caller.ApproverKind)
                && b.RegionCode != null && b.RegionCode.StartsWith(scope))));
    }

    public static IQueryable<BookmarkRow> Matching(this IQueryable<BookmarkRow> tasks, IQueryable<InstanceRow> instances, TaskQuery query, DateTimeOffset now)
    {
        if (query.DefinitionId is { } definition) tasks = tasks.Where(b => instances.Any(i => i.Id == b.InstanceId && i.DefinitionId == definition));
        if (query.ActivityId is { } activity) tasks = tasks.Where(b => b.ActivityId == activity);
        if (query.RegionCode is { } region)
        {
            // RegionCode.Covers: an empty scope covers nothing.
            var prefix = region.Length == 0 ? null : RegionCode.PrefixOf(region);
            tasks = tasks.Where(b => prefix != null && b.RegionCode != null && b.RegionCode.StartsWith(prefix));
        }
        if (query.Overdue is true) tasks = tasks.Where(b => b.DueAt < now);
        if (query.Overdue is false) tasks = tasks.Where(b => b.DueAt == null || b.DueAt >= now);
        if (query.DueBy is { } dueBy) tasks = tasks.Where(b => b.DueAt <= dueBy);
        return tasks;
    }

    /// <summary>One tab of the inbox: who holds the task decides where it shows.</summary>
    public static IQueryable<BookmarkRow> InTab(this IQueryable<BookmarkRow> tasks, string show, Caller caller, TaskClaims claims)
    {
        switch (show)
        {
            case "mine":
                var mine = claims.HeldByCaller();
                return tasks.Where(b => mine.Contains(b.Id));
            case "handed":
                var handed = claims.HeldByCaller(delegatedOnly: true);
                return tasks.Where(b => handed.Contains(b.Id));
            case "available":
                var others = claims.HeldByOthersThan(caller.Id);
                return tasks.Where(b => !others.Contains(b.Id));
            case "unclaimed":
                var held = claims.All;
                return tasks.Where(b => !held.Contains(b.Id));
            case "all":
                return tasks;
            default:
                throw Refusal.Validation(("show", "须为 available、unclaimed、mine、handed 或 all（one of available, unclaimed, mine, handed, all）"));
        }
    }
}

/// <summary>
/// The claims one caller's inbox needs: her own rows, read, and everyone's as a subquery of the inbox's own SQL. task_claims is
/// the service's table in the engine's database, so the tabs exclude what others hold in SQL instead of loading every claim
/// on each view; the rows of the tasks shown are read for their page (<see cref="TaskInbox"/>).
/// </summary>
public sealed class TaskClaims(IReadOnlyList<TaskClaimRow> callers, IQueryable<ClaimKey> everyones)
{
    public IReadOnlyList<TaskClaimRow> Callers => callers;

    public List<Guid> HeldByCaller(bool delegatedOnly = false) =>
        [.. callers.Where(c => !delegatedOnly || c.DelegatedBy is not null).Select(c => c.BookmarkId)];

    public IQueryable<Guid> All => everyones.Select(c => c.BookmarkId);

    public IQueryable<Guid> HeldByOthersThan(Guid person) => everyones.Where(c => c.AssigneeId != person).Select(c => c.BookmarkId);
}

/// <summary>A claim's task and holder, as the inbox's queries read task_claims.</summary>
public sealed class ClaimKey
{
    public Guid BookmarkId { get; init; }
    public Guid AssigneeId { get; init; }
}
