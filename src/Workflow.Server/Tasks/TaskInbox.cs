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
        var page = Math.Max(1, query.Page);
        var size = Math.Clamp(query.PageSize, 1, MaxPageSize);
        await using var claimsDb = await service.CreateDbContextAsync(cancellationToken);
        await using var db = await engine.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var tasks = Filtered(db, await ClaimsAsync(claimsDb, cancellationToken), caller, query, query.Show ?? "available", now);

        var total = await tasks.CountAsync(cancellationToken);
        var rows = await tasks.OrderBy(b => b.DueAt == null).ThenBy(b => b.DueAt).ThenBy(b => b.CreatedAt)
            .Skip((page - 1) * size).Take(size)
            .Join(db.Instances, b => b.InstanceId, i => i.Id, (b, i) => new { Bookmark = b, i.DefinitionId, i.DefinitionVersion })
            .ToListAsync(cancellationToken);
        var ids = rows.Select(r => r.Bookmark.Id).ToList();
        var claims = await claimsDb.TaskClaims.AsNoTracking().Where(c => ids.Contains(c.BookmarkId)).ToDictionaryAsync(c => c.BookmarkId, cancellationToken);
        var named = await subjects.ForAsync([.. rows.Select(r => r.Bookmark.InstanceId)], cancellationToken);
        var items = rows.Select(r => View(r.Bookmark, r.DefinitionId, r.DefinitionVersion, claims.GetValueOrDefault(r.Bookmark.Id), now)
            with { Subject = named.GetValueOrDefault(r.Bookmark.InstanceId) }).ToList();
        return new TaskPage(items, page, size, total);
    }

    /// <summary>The count of every tab of the inbox under the same filters, for the tabs' labels.</summary>
    public async Task<TaskCounts> CountsAsync(Caller caller, TaskQuery query, CancellationToken cancellationToken)
    {
        await using var claimsDb = await service.CreateDbContextAsync(cancellationToken);
        await using var db = await engine.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        // One read of the claims serves the three tabs' filters.
        var claims = await ClaimsAsync(claimsDb, cancellationToken);
        async Task<int> Count(string show) => await Filtered(db, claims, caller, query, show, now).CountAsync(cancellationToken);
        var mine = await Count("mine");
        var available = await Count("unclaimed");
        var handed = await Count("handed");
        var done = await Decided(db, caller).CountAsync(cancellationToken);
        return new TaskCounts(mine, available, handed, done);
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

    /// <summary>Who holds which task: the few columns the tabs filter on, read once per list or count.</summary>
    private sealed record ClaimHolder(Guid BookmarkId, Guid AssigneeId, bool Delegated);

    private static async Task<IReadOnlyList<ClaimHolder>> ClaimsAsync(ServiceDbContext claimsDb, CancellationToken cancellationToken) =>
        await claimsDb.TaskClaims.AsNoTracking().Select(c => new ClaimHolder(c.BookmarkId, c.AssigneeId, c.DelegatedBy != null)).ToListAsync(cancellationToken);

    private static IQueryable<BookmarkRow> Filtered(WorkflowDbContext db, IReadOnlyList<ClaimHolder> claims, Caller caller, TaskQuery query, string show, DateTimeOffset now)
    {
        List<Guid> Held(Func<ClaimHolder, bool> which) => [.. claims.Where(which).Select(c => c.BookmarkId)];
        var mine = Held(c => c.AssigneeId == caller.Id);
        var tasks = Eligible(db.Bookmarks.AsNoTracking(), caller, mine);
        if (show == "mine") tasks = tasks.Where(b => mine.Contains(b.Id));
        else if (show == "handed")
        {
            var handed = Held(c => c.AssigneeId == caller.Id && c.Delegated);
            tasks = tasks.Where(b => handed.Contains(b.Id));
        }
        else if (show == "available")
        {
            var others = Held(c => c.AssigneeId != caller.Id);
            tasks = tasks.Where(b => !others.Contains(b.Id));
        }
        else if (show == "unclaimed")
        {
            var held = Held(_ => true);
            tasks = tasks.Where(b => !held.Contains(b.Id));
        }
        else if (show != "all") throw Refusal.Validation(("show", "one of available, unclaimed, mine, handed, all"));
        if (query.DefinitionId is not null)
            tasks = tasks.Where(b => db.Instances.Any(i => i.Id == b.InstanceId && i.DefinitionId == query.DefinitionId));
        if (query.ActivityId is not null) tasks = tasks.Where(b => b.ActivityId == query.ActivityId);
        if (query.RegionCode is not null) tasks = tasks.Within(b => b.RegionCode!, query.RegionCode);
        if (query.Overdue is true) tasks = tasks.Where(b => b.DueAt != null && b.DueAt < now);
        if (query.Overdue is false) tasks = tasks.Where(b => b.DueAt == null || b.DueAt >= now);
        if (query.DueBy is { } dueBy) tasks = tasks.Where(b => b.DueAt != null && b.DueAt <= dueBy);
        return tasks;
    }

    /// <summary>The kinds of step (activity id and title) open to the caller, for the inbox's filter: a bounded list.</summary>
    public async Task<IReadOnlyList<(string ActivityId, string Title)>> StepKindsAsync(Caller caller, CancellationToken cancellationToken)
    {
        await using var claimsDb = await service.CreateDbContextAsync(cancellationToken);
        await using var db = await engine.CreateDbContextAsync(cancellationToken);
        var mine = await claimsDb.TaskClaims.Where(c => c.AssigneeId == caller.Id).Select(c => c.BookmarkId).ToListAsync(cancellationToken);
        var kinds = await Eligible(db.Bookmarks.AsNoTracking(), caller, mine).Select(b => new { b.ActivityId, b.Title }).Distinct().Take(100).ToListAsync(cancellationToken);
        return [.. kinds.GroupBy(k => k.ActivityId).Select(g => (g.Key, g.Select(k => k.Title).FirstOrDefault(t => t is not null) ?? g.Key)).OrderBy(k => k.Item2, StringComparer.Ordinal)];
    }

    /// <summary>The open task if the caller may act on it; otherwise 404, so tasks outside one's scope are not even confirmed to exist.</summary>
    public async Task<(BookmarkRow Bookmark, InstanceRow Instance, TaskClaimRow? Claim)> FindForAsync(Caller caller, Guid id, CancellationToken cancellationToken)
    {
        await using var db = await engine.CreateDbContextAsync(cancellationToken);
        var bookmark = await db.Bookmarks.AsNoTracking().SingleOrDefaultAsync(b => b.Id == id && b.Kind == BookmarkKind.UserTask, cancellationToken);
        if (bookmark is null)
        {
            var decided = await db.Journal.AsNoTracking().Where(j => j.BookmarkId == id && j.Kind == JournalKind.Resumed)
                .Select(j => new { j.Actor, j.At }).FirstOrDefaultAsync(cancellationToken);
            if (decided is not null)
                throw Refusal.Conflict("task-already-decided", $"the task was already decided by {decided.Actor} at {decided.At:O}",
                    new Dictionary<string, object?> { ["decidedBy"] = decided.Actor, ["decidedAt"] = decided.At });
            throw Refusal.NotFound("task", id);
        }
        await using var claimsDb = await service.CreateDbContextAsync(cancellationToken);
        var claim = await claimsDb.TaskClaims.AsNoTracking().SingleOrDefaultAsync(c => c.BookmarkId == id, cancellationToken);
        var handedToCaller = claim?.AssigneeId == caller.Id || bookmark.AssigneeUserId == caller.Id.ToString();
        if (!handedToCaller && !caller.Covers(bookmark.RegionCode)) throw Refusal.NotFound("task", id);
        if (!MayAct(caller, bookmark, claim))
            throw Refusal.Forbidden(bookmark.AssigneeUserId is null
                ? $"this task is for {bookmark.Role}{(bookmark.ApproverKind is null ? "" : "/" + bookmark.ApproverKind)}"
                : "this is a personal task of another person");
        var instance = await db.Instances.AsNoTracking().SingleAsync(i => i.Id == bookmark.InstanceId, cancellationToken);
        return (bookmark, instance, claim);
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
