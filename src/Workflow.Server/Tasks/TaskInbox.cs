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
        await using var db = await engine.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        var claims = await ClaimsAsync(caller, db, cancellationToken);
        var matching = db.Bookmarks.AsNoTracking().InScope(caller, claims).Matching(db.Instances, query, clock.GetUtcNow());
        return await PageOfAsync(db, matching, caller, claims, query, cancellationToken);
    }

    /// <summary>
    /// What the inbox page shows at once: the count of every tab under the same filters, one tab's page (unless it shows
    /// the done tab) and the kinds of step for the filter. Each is a small query; no open task is read that is not shown.
    /// </summary>
    public async Task<InboxOverview> OverviewAsync(Caller caller, TaskQuery query, bool withOpenPage, CancellationToken cancellationToken)
    {
        await using var db = await engine.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        var claims = await ClaimsAsync(caller, db, cancellationToken);
        var inScope = db.Bookmarks.AsNoTracking().InScope(caller, claims);
        var matching = inScope.Matching(db.Instances, query, clock.GetUtcNow());
        var kinds = await StepKindsAsync(inScope, cancellationToken);
        // Unfiltered, the kinds' counts already add up to the total: one scan of the caller's tasks fewer on the default view.
        var total = query is { DefinitionId: null, ActivityId: null, RegionCode: null, Overdue: null, DueBy: null } && kinds.Count < MaxStepKinds
            ? kinds.Sum(k => k.Open)
            : await matching.CountAsync(cancellationToken);
        var claimed = claims.All;
        var held = await matching.CountAsync(b => claimed.Contains(b.Id), cancellationToken);
        var callers = claims.HeldByCaller();
        var heldByCaller = callers.Count == 0 ? []
            : (await matching.Where(b => callers.Contains(b.Id)).Select(b => b.Id).ToListAsync(cancellationToken)).ToHashSet();
        var mine = heldByCaller.Count;
        var handed = claims.Callers.Count(c => c.DelegatedBy is not null && heldByCaller.Contains(c.BookmarkId));
        var counts = new TaskCounts(mine, total - held, handed, await Decided(db, caller).CountAsync(cancellationToken));
        int? tabTotal = (query.Show ?? "available") switch
        {
            "mine" => mine, "handed" => handed, "unclaimed" => total - held, "available" => total - held + mine, "all" => total, _ => null,
        };
        var page = withOpenPage ? await PageOfAsync(db, matching, caller, claims, query, cancellationToken, tabTotal) : null;
        return new InboxOverview(counts, page, [.. kinds.Select(k => (k.ActivityId, k.Title))]);
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

    /// <summary>The caller's claims, and everyone's as a subquery that <paramref name="db"/>'s queries can filter by.</summary>
    private async Task<TaskClaims> ClaimsAsync(Caller caller, WorkflowDbContext db, CancellationToken cancellationToken)
    {
        await using var claimsDb = await service.CreateDbContextAsync(cancellationToken);
        var callers = await claimsDb.TaskClaims.AsNoTracking().Where(c => c.AssigneeId == caller.Id).ToListAsync(cancellationToken);
        _claimKeysSql ??= ClaimKeysSql(claimsDb);
        return new TaskClaims(callers, db.Database.SqlQueryRaw<ClaimKey>(_claimKeysSql));
    }

    private string? _claimKeysSql;

    /// <summary>task_claims read as <see cref="ClaimKey"/> rows.</summary>
    private static string ClaimKeysSql(ServiceDbContext db)
    {
        var claims = new ClaimTable(db);
        return $"SELECT {claims.ColumnAs(nameof(ClaimKey.BookmarkId))}, {claims.ColumnAs(nameof(ClaimKey.AssigneeId))} FROM {claims.Name}";
    }

    /// <summary>Who holds each of the tasks shown: their claims' rows, for the names on the page.</summary>
    private async Task<Dictionary<Guid, TaskClaimRow>> ClaimsOfAsync(List<Guid> tasks, CancellationToken cancellationToken)
    {
        if (tasks.Count == 0) return [];
        await using var db = await service.CreateDbContextAsync(cancellationToken);
        return await db.TaskClaims.AsNoTracking().Where(c => tasks.Contains(c.BookmarkId)).ToDictionaryAsync(c => c.BookmarkId, cancellationToken);
    }

    private async Task<TaskPage> PageOfAsync(WorkflowDbContext db, IQueryable<BookmarkRow> matching, Caller caller, TaskClaims claims, TaskQuery query,
        CancellationToken cancellationToken, int? knownTotal = null)
    {
        var page = Math.Max(1, query.Page);
        var size = Math.Clamp(query.PageSize, 1, MaxPageSize);
        var tab = matching.InTab(query.Show ?? "available", caller, claims);
        var total = knownTotal ?? await tab.CountAsync(cancellationToken);
        var rows = await tab.OrderBy(b => b.DueAt == null).ThenBy(b => b.DueAt).ThenBy(b => b.CreatedAt).ThenBy(b => b.Id).Skip((page - 1) * size).Take(size)
            .Join(db.Instances, b => b.InstanceId, i => i.Id, (b, i) => new { Bookmark = b, i.DefinitionId, i.DefinitionVersion })
            .ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var held = await ClaimsOfAsync([.. rows.Select(r => r.Bookmark.Id)], cancellationToken);
        var items = rows.Select(r => View(r.Bookmark, r.DefinitionId, r.DefinitionVersion, held.GetValueOrDefault(r.Bookmark.Id), now)).ToList();
        var named = await subjects.ForAsync([.. items.Select(t => t.InstanceId)], cancellationToken);
        return new TaskPage([.. items.Select(t => t with { Subject = named.GetValueOrDefault(t.InstanceId) })], page, size, total);
    }

    private const int MaxStepKinds = 100;

    private sealed record StepKind(string ActivityId, string Title, int Open);

    /// <summary>The kinds of step (activity id and title) open to the caller, with how many are open, for the inbox's filter: a bounded list.</summary>
    private static async Task<IReadOnlyList<StepKind>> StepKindsAsync(IQueryable<BookmarkRow> inScope, CancellationToken cancellationToken)
    {
        var kinds = await inScope.GroupBy(b => b.ActivityId).Select(g => new { ActivityId = g.Key, Title = g.Max(b => b.Title), Open = g.Count() })
            .Take(MaxStepKinds).ToListAsync(cancellationToken);
        return [.. kinds.Select(k => new StepKind(k.ActivityId, k.Title ?? k.ActivityId, k.Open)).OrderBy(k => k.Title, StringComparer.Ordinal)];
    }

    private sealed record OpenTask(BookmarkRow Bookmark, InstanceRow Instance);

    // Compiled once per service: these run before every claim, release, hand-over and decision, and translating their LINQ on
    // each call cost about as much CPU as the queries themselves (issue 15's profile). A compiled query serves one model only,
    // so each service (one database, one model) holds its own. The task and its instance come in one round trip.
    private readonly Func<WorkflowDbContext, Guid, CancellationToken, Task<OpenTask?>> _openTask = EF.CompileAsyncQuery(
        (WorkflowDbContext db, Guid id, CancellationToken _) => db.Bookmarks.AsNoTracking().Where(b => b.Id == id && b.Kind == BookmarkKind.UserTask)
            .Join(db.Instances.AsNoTracking(), b => b.InstanceId, i => i.Id, (b, i) => new OpenTask(b, i))
            .SingleOrDefault());

    private readonly Func<ServiceDbContext, Guid, CancellationToken, Task<TaskClaimRow?>> _claim = EF.CompileAsyncQuery(
        (ServiceDbContext db, Guid id, CancellationToken _) => db.TaskClaims.AsNoTracking().SingleOrDefault(c => c.BookmarkId == id));

    /// <summary>The open task if the caller may act on it; otherwise 404, so tasks outside one's scope are not even confirmed to exist.</summary>
    public async Task<(BookmarkRow Bookmark, InstanceRow Instance, TaskClaimRow? Claim)> FindForAsync(Caller caller, Guid id, CancellationToken cancellationToken)
    {
        await using var db = await engine.CreateDbContextAsync(cancellationToken);
        var found = await _openTask(db, id, cancellationToken);
        if (found is null)
        {
            var decided = await db.Journal.AsNoTracking().Where(j => j.BookmarkId == id && j.Kind == JournalKind.Resumed)
                .Select(j => new { j.Actor, j.At }).FirstOrDefaultAsync(cancellationToken);
            if (decided is not null)
                throw Refusal.Conflict("task-already-decided", $"此待办已由 {decided.Actor} 于 {decided.At:O} 办理（the task was already decided by {decided.Actor} at {decided.At:O}）",
                    new Dictionary<string, object?> { ["decidedBy"] = decided.Actor, ["decidedAt"] = decided.At });
            throw Refusal.NotFound("task", id);
        }
        var claim = await ClaimOfAsync(id, cancellationToken);
        Admit(caller, found.Bookmark, claim);
        return (found.Bookmark, found.Instance, claim);
    }

    /// <summary>Who holds the task, if anyone claimed it or was handed it.</summary>
    public async Task<TaskClaimRow?> ClaimOfAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var claimsDb = await service.CreateDbContextAsync(cancellationToken);
        return await _claim(claimsDb, id, cancellationToken);
    }

    /// <summary>
    /// Whether the caller may act on the open bookmark: 404 for a bookmark that is no user task or lies outside her scope (not even
    /// confirmed to exist), 403 for a task of another role or person.
    /// </summary>
    public static void Admit(Caller caller, BookmarkRow bookmark, TaskClaimRow? claim)
    {
        if (bookmark.Kind != BookmarkKind.UserTask) throw Refusal.NotFound("task", bookmark.Id);
        var handedToCaller = claim?.AssigneeId == caller.Id || bookmark.AssigneeUserId == caller.Id.ToString();
        if (!handedToCaller && !caller.Covers(bookmark.RegionCode)) throw Refusal.NotFound("task", bookmark.Id);
        if (!MayAct(caller, bookmark, claim))
            throw Refusal.Forbidden(bookmark.AssigneeUserId is null
                ? $"此待办须由 {bookmark.Role}{(bookmark.ApproverKind is null ? "" : "/" + bookmark.ApproverKind)} 办理（this task is for {bookmark.Role}{(bookmark.ApproverKind is null ? "" : "/" + bookmark.ApproverKind)}）"
                : "这是他人的个人待办（this is a personal task of another person）");
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
}
