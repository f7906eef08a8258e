using Microsoft.EntityFrameworkCore;
using Workflow.Engine.Definitions;
using Workflow.Engine.Execution;
using Workflow.Engine.Journal;
using Workflow.Persistence.Definitions;
using Workflow.Persistence.Storage;
using Workflow.Server.Accounts;
using Workflow.Server.Problems;
using Workflow.Server.Storage;
using Workflow.Federation.Regions;

namespace Workflow.Server.Tasks;

/// <summary>Open user tasks the caller may act on: their role (and approver kind) in their region or below, their personal tasks, and tasks handed to them.</summary>
public sealed class TaskInbox(IDbContextFactory<WorkflowDbContext> engine, IDbContextFactory<ServiceDbContext> service, TaskSubjects subjects, DefinitionStore definitions, TimeProvider clock)
{
    public const int MaxPageSize = 200;

    public async Task<TaskPage> ListAsync(Caller caller, TaskQuery query, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return await PageOfAsync(await OpenTasksAsync(caller, now, cancellationToken), caller, query, now, cancellationToken);
    }

    /// <summary>
    /// What the inbox page shows at once, from one read of the caller's open tasks: the count of every tab under the same
    /// filters, one tab's page (unless it shows the done tab) and the kinds of step for the filter.
    /// </summary>
    public async Task<InboxOverview> OverviewAsync(Caller caller, TaskQuery query, bool withOpenPage, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var open = await OpenTasksAsync(caller, now, cancellationToken);
        int Count(string show) => Filter(open, caller, query, show, now).Count();
        int done;
        await using (var db = await engine.CreateDbContextAsync(cancellationToken))
            done = await Decided(db, caller).CountAsync(cancellationToken);
        var page = withOpenPage ? await PageOfAsync(open, caller, query, now, cancellationToken) : null;
        return new InboxOverview(new TaskCounts(Count("mine"), Count("unclaimed"), Count("handed"), done), page, StepKinds(open));
    }

    public async Task<DecidedPage> DecidedAsync(Caller caller, int page, int pageSize, CancellationToken cancellationToken)
    {
        page = Math.Max(1, page);
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        await using var db = await engine.CreateDbContextAsync(cancellationToken);
        var decided = Decided(db, caller);
        var total = await decided.CountAsync(cancellationToken);
        var rows = await decided.OrderByDescending(j => j.At).Skip((page - 1) * pageSize).Take(pageSize)
            .Join(db.Instances, j => j.InstanceId, i => i.Id, (j, i) => new { Entry = j, i.DefinitionId, i.DefinitionVersion })
            .ToListAsync(cancellationToken);
        var named = await subjects.ForAsync([.. rows.Select(r => r.Entry.InstanceId)], cancellationToken);
        var items = new List<DecidedTask>();
        foreach (var r in rows)
        {
            var definition = await definitions.GetAsync(r.DefinitionId, r.DefinitionVersion, cancellationToken);
            var title = r.Entry.ActivityId is { } activity && definition.TryGetActivity(activity, out var step) && step is UserTaskActivity task ? task.Title : null;
            items.Add(new DecidedTask(r.Entry.BookmarkId!.Value, r.Entry.InstanceId, r.Entry.ActivityId, r.Entry.Outcome, r.Entry.At, r.Entry.Data,
                title, named.GetValueOrDefault(r.Entry.InstanceId)));
        }
        return new DecidedPage(items, page, pageSize, total);
    }

    private static IQueryable<JournalRow> Decided(WorkflowDbContext db, Caller caller) =>
        db.Journal.AsNoTracking().Where(j => j.Actor == caller.UserName && j.Kind == JournalKind.Resumed && j.BookmarkId != null);

    /// <summary>An open task the caller may see, with who holds it.</summary>
    private sealed record OpenTask(TaskView View, Guid? HolderId, bool Delegated);

    /// <summary>
    /// Every open task the caller may see, in the columns the inbox shows, read in one query (and the claims in another):
    /// counting the tabs, filtering and paging then happen in memory. A round trip per tab and filter cost more than the rows.
    /// </summary>
    private async Task<IReadOnlyList<OpenTask>> OpenTasksAsync(Caller caller, DateTimeOffset now, CancellationToken cancellationToken)
    {
        Dictionary<Guid, TaskClaimRow> claims;
        await using (var claimsDb = await service.CreateDbContextAsync(cancellationToken))
            claims = await claimsDb.TaskClaims.AsNoTracking().ToDictionaryAsync(c => c.BookmarkId, cancellationToken);
        var mine = claims.Values.Where(c => c.AssigneeId == caller.Id).Select(c => c.BookmarkId).ToList();
        await using var db = await engine.CreateDbContextAsync(cancellationToken);
        var rows = await Eligible(db.Bookmarks.AsNoTracking(), caller, mine)
            .Join(db.Instances, b => b.InstanceId, i => i.Id, (b, i) => new { Bookmark = b, i.DefinitionId, i.DefinitionVersion })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r =>
        {
            var claim = claims.GetValueOrDefault(r.Bookmark.Id);
            return new OpenTask(View(r.Bookmark, r.DefinitionId, r.DefinitionVersion, claim, now), claim?.AssigneeId, claim?.DelegatedBy is not null);
        })];
    }

    private static IEnumerable<OpenTask> Filter(IReadOnlyList<OpenTask> open, Caller caller, TaskQuery query, string show, DateTimeOffset now)
    {
        Func<OpenTask, bool> inTab = show switch
        {
            "mine" => t => t.HolderId == caller.Id,
            "handed" => t => t.HolderId == caller.Id && t.Delegated,
            "available" => t => t.HolderId is null || t.HolderId == caller.Id,
            "unclaimed" => t => t.HolderId is null,
            "all" => _ => true,
            _ => throw Refusal.Validation(("show", "one of available, unclaimed, mine, handed, all")),
        };
        return open.Where(inTab).Where(t => Matches(t.View, query, now));
    }

    private static bool Matches(TaskView task, TaskQuery query, DateTimeOffset now) =>
        (query.DefinitionId is null || task.DefinitionId == query.DefinitionId)
        && (query.ActivityId is null || task.ActivityId == query.ActivityId)
        && (query.RegionCode is null || RegionCode.Covers(query.RegionCode, task.RegionCode))
        && (query.Overdue is not true || task.DueAt < now)
        && (query.Overdue is not false || task.DueAt is null || task.DueAt >= now)
        && (query.DueBy is not { } dueBy || task.DueAt <= dueBy);

    private async Task<TaskPage> PageOfAsync(IReadOnlyList<OpenTask> open, Caller caller, TaskQuery query, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var page = Math.Max(1, query.Page);
        var size = Math.Clamp(query.PageSize, 1, MaxPageSize);
        var filtered = Filter(open, caller, query, query.Show ?? "available", now).Select(t => t.View)
            .OrderBy(t => t.DueAt is null).ThenBy(t => t.DueAt).ThenBy(t => t.CreatedAt).ToList();
        var items = filtered.Skip((page - 1) * size).Take(size).ToList();
        var named = await subjects.ForAsync([.. items.Select(t => t.InstanceId)], cancellationToken);
        return new TaskPage([.. items.Select(t => t with { Subject = named.GetValueOrDefault(t.InstanceId) })], page, size, filtered.Count);
    }

    /// <summary>The kinds of step (activity id and title) open to the caller, for the inbox's filter: a bounded list.</summary>
    private static IReadOnlyList<(string ActivityId, string Title)> StepKinds(IReadOnlyList<OpenTask> open) =>
        [.. open.GroupBy(t => t.View.ActivityId).Take(100)
            .Select(g => (g.Key, g.Select(t => t.View.Title).FirstOrDefault(t => t is not null) ?? g.Key)).OrderBy(k => k.Item2, StringComparer.Ordinal)];

    /// <summary>The open task if the caller may act on it; otherwise 404, so tasks outside one's scope are not even confirmed to exist.</summary>
    public async Task<(BookmarkRow Bookmark, InstanceRow Instance, TaskClaimRow? Claim)> FindForAsync(Caller caller, Guid id, CancellationToken cancellationToken)
    {
        await using var db = await engine.CreateDbContextAsync(cancellationToken);
        // The task and its instance in one round trip: this runs before every claim, release, hand-over and decision.
        var found = await db.Bookmarks.AsNoTracking().Where(b => b.Id == id && b.Kind == BookmarkKind.UserTask)
            .Join(db.Instances.AsNoTracking(), b => b.InstanceId, i => i.Id, (b, i) => new { Bookmark = b, Instance = i })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            var decided = await db.Journal.AsNoTracking().Where(j => j.BookmarkId == id && j.Kind == JournalKind.Resumed)
                .Select(j => new { j.Actor, j.At }).FirstOrDefaultAsync(cancellationToken);
            if (decided is not null)
                throw Refusal.Conflict("task-already-decided", $"the task was already decided by {decided.Actor} at {decided.At:O}",
                    new Dictionary<string, object?> { ["decidedBy"] = decided.Actor, ["decidedAt"] = decided.At });
            throw Refusal.NotFound("task", id);
        }
        var bookmark = found.Bookmark;
        await using var claimsDb = await service.CreateDbContextAsync(cancellationToken);
        var claim = await claimsDb.TaskClaims.AsNoTracking().SingleOrDefaultAsync(c => c.BookmarkId == id, cancellationToken);
        var handedToCaller = claim?.AssigneeId == caller.Id || bookmark.AssigneeUserId == caller.Id.ToString();
        if (!handedToCaller && !caller.Covers(bookmark.RegionCode)) throw Refusal.NotFound("task", id);
        if (!MayAct(caller, bookmark, claim))
            throw Refusal.Forbidden(bookmark.AssigneeUserId is null
                ? $"this task is for {bookmark.Role}{(bookmark.ApproverKind is null ? "" : "/" + bookmark.ApproverKind)}"
                : "this is a personal task of another person");
        return (bookmark, found.Instance, claim);
    }

    /// <summary>A personal task is for its person and whoever she handed it to; any other task for its role in its region.</summary>
    public static bool MayAct(Caller caller, BookmarkRow task, TaskClaimRow? claim) =>
        task.AssigneeUserId is { } person ? person == caller.Id.ToString() || claim?.AssigneeId == caller.Id : HasRoleFor(caller, task);

    /// <summary>The role, approver kind and region the task asks for, whoever it is assigned to: what a colleague needs to take it over.</summary>
    public static bool HasRoleFor(Caller caller, BookmarkRow task) =>
        task.Role is not null && caller.Has(task.Role)
        && (task.ApproverKind is null || task.ApproverKind == caller.ApproverKind)
        && RegionCode.Covers(caller.RegionCode, task.RegionCode);

    public TaskView View(BookmarkRow b, string definitionId, int version, TaskClaimRow? claim) => View(b, definitionId, version, claim, clock.GetUtcNow());

    private static TaskView View(BookmarkRow b, string definitionId, int version, TaskClaimRow? claim, DateTimeOffset now) =>
        new(b.Id, b.InstanceId, definitionId, version, b.ActivityId, b.Title, b.Role, b.ApproverKind, b.RegionCode, b.CreatedAt, b.DueAt,
            b.DueAt < now, claim?.AssigneeName, claim?.DelegatedBy, b.AssigneeUserId is not null);

    private static IQueryable<BookmarkRow> Eligible(IQueryable<BookmarkRow> bookmarks, Caller caller, IReadOnlyList<Guid> handedToCaller)
    {
        var roles = caller.Roles.ToList();
        var me = caller.Id.ToString();
        var scope = RegionCode.PrefixOf(caller.RegionCode);
        return bookmarks.Where(b => b.Kind == BookmarkKind.UserTask && (
            handedToCaller.Contains(b.Id)
            || b.AssigneeUserId == me
            || (b.AssigneeUserId == null && b.Role != null && roles.Contains(b.Role)
                && (b.ApproverKind == null || b.ApproverKind == caller.ApproverKind)
                && b.RegionCode != null && b.RegionCode.StartsWith(scope))));
    }
}
