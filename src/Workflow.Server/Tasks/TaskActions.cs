using Microsoft.EntityFrameworkCore;
using Workflow.Engine;
using Workflow.Engine.Definitions;
using Workflow.Engine.Execution;
using Workflow.Persistence.Definitions;
using Workflow.Persistence.Instances;
using Workflow.Persistence.Runtime;
using Workflow.Federation.Regions;
using Workflow.Server.Accounts;
using Workflow.Server.Problems;
using Workflow.Server.Storage;
using Workflow.Persistence.Storage;

namespace Workflow.Server.Tasks;

/// <summary>What a person does with a task: read it, claim or release it, hand it to a colleague, decide it.</summary>
public sealed class TaskActions(TaskInbox inbox, TaskSubjects subjects, DefinitionStore definitions, WorkflowRuntime runtime, InstanceQueries instances,
    TransitionClaims transitionClaims, IDbContextFactory<ServiceDbContext> service, TimeProvider clock)
{
    public async Task<TaskDetail> GetAsync(Caller caller, Guid id, CancellationToken cancellationToken)
    {
        var (bookmark, instance, claim) = await inbox.FindForAsync(caller, id, cancellationToken);
        var definition = await definitions.GetAsync(instance.DefinitionId, instance.DefinitionVersion, cancellationToken);
        var activity = (UserTaskActivity)definition.Activity(bookmark.ActivityId);
        var subject = (await subjects.ForAsync([instance.Id], cancellationToken)).GetValueOrDefault(instance.Id);
        var history = await TaskHistory.OfRequestAsync(instances, definitions, instance.Id, cancellationToken);
        return new TaskDetail(inbox.View(bookmark, instance.DefinitionId, instance.DefinitionVersion, claim) with { Subject = subject }, activity.Outcomes,
            activity.Form.Select(FormFieldView.From).ToList(), instance.CorrelationId, subject, history, TaskHistory.ReturnedBy(history, bookmark.CreatedAt));
    }

    public async Task<TaskView> ClaimAsync(Caller caller, Guid id, CancellationToken cancellationToken)
    {
        var (bookmark, instance, claim) = await inbox.FindForAsync(caller, id, cancellationToken);
        if (claim is not null && claim.AssigneeId != caller.Id) throw HeldBy(claim);
        await using var db = await service.CreateDbContextAsync(cancellationToken);
        var row = new TaskClaimRow { BookmarkId = id, AssigneeId = caller.Id, AssigneeName = caller.UserName, ClaimedAt = clock.GetUtcNow() };
        if (claim is null) db.TaskClaims.Add(row);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException conflict) when (StorageErrors.IsConflict(conflict))
        {
            // Someone claimed it between our read and our write: the primary key decided.
            var winner = await db.TaskClaims.AsNoTracking().SingleAsync(c => c.BookmarkId == id, cancellationToken);
            if (winner.AssigneeId != caller.Id) throw HeldBy(winner);
        }
        return inbox.View(bookmark, instance.DefinitionId, instance.DefinitionVersion, claim ?? row);
    }

    public async Task ReleaseAsync(Caller caller, Guid id, CancellationToken cancellationToken)
    {
        var (_, _, claim) = await inbox.FindForAsync(caller, id, cancellationToken);
        if (claim is null) return;
        if (claim.AssigneeId != caller.Id) throw HeldBy(claim);
        await using var db = await service.CreateDbContextAsync(cancellationToken);
        await db.TaskClaims.Where(c => c.BookmarkId == id && c.AssigneeId == caller.Id).ExecuteDeleteAsync(cancellationToken);
    }

    public async Task<TaskView> DelegateAsync(Caller caller, Guid id, DelegationRequest request, CancellationToken cancellationToken)
    {
        var (bookmark, instance, claim) = await inbox.FindForAsync(caller, id, cancellationToken);
        if (claim is not null && claim.AssigneeId != caller.Id) throw HeldBy(claim);
        await using var db = await service.CreateDbContextAsync(cancellationToken);
        var colleague = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == request.UserId && u.Active, cancellationToken)
            ?? throw Refusal.Validation(("userId", "没有这个在用的账号（no active user with this id）"));
        var colleagueCaller = new Caller(colleague.Id, colleague.UserName, colleague.RoleList, colleague.ApproverKind, colleague.RegionCode);
        if (!TaskInbox.HasRoleFor(colleagueCaller, bookmark))
            throw Refusal.Validation(("userId", $"{colleague.UserName} 没有办理此待办所需的角色、审批人类别或区域（{colleague.UserName} does not have the role, approver kind or region this task needs）"));
        var row = await db.TaskClaims.SingleOrDefaultAsync(c => c.BookmarkId == id, cancellationToken);
        if (row is null)
        {
            row = new TaskClaimRow { BookmarkId = id, AssigneeId = colleague.Id, AssigneeName = colleague.UserName, ClaimedAt = clock.GetUtcNow() };
            db.TaskClaims.Add(row);
        }
        row.AssigneeId = colleague.Id;
        row.AssigneeName = colleague.UserName;
        row.DelegatedBy = caller.UserName;
        row.Note = request.Note;
        row.ClaimedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return inbox.View(bookmark, instance.DefinitionId, instance.DefinitionVersion, row);
    }

    /// <summary>
    /// Whom the caller may hand tasks to: active people with one of her working roles and her approver kind, in her region
    /// or on its line of the tree. Bounded; <see cref="DelegateAsync"/> still checks the task's own role and region.
    /// </summary>
    public async Task<IReadOnlyList<Colleague>> ColleaguesAsync(Caller caller, CancellationToken cancellationToken)
    {
        var roles = caller.Roles.Where(r => r != Roles.Admin).ToList();
        await using var db = await service.CreateDbContextAsync(cancellationToken);
        var above = s_levelLengths.Where(n => n < caller.RegionCode.Length).Select(n => caller.RegionCode[..n]).ToList();
        var people = db.Users.AsNoTracking().Where(u => u.Active && u.Id != caller.Id && u.ApproverKind == caller.ApproverKind);
        var users = await people.Within(u => u.RegionCode, caller.RegionCode).OrderBy(u => u.UserName).Take(500).ToListAsync(cancellationToken);
        users.AddRange(await people.Where(u => above.Contains(u.RegionCode)).OrderBy(u => u.UserName).Take(100).ToListAsync(cancellationToken));
        return [.. users.Where(u => u.RoleList.Any(roles.Contains)).Take(100).Select(u => new Colleague(u.Id, u.UserName, u.DisplayName, u.RegionCode))];
    }

    // Codes of the county, township and village levels (DESIGN.md: 6, 9 and 12 digits): a region's ancestors are its prefixes of these lengths.
    private static readonly int[] s_levelLengths = [6, 9];

    public async Task<DecisionResult> DecideAsync(Caller caller, Guid id, DecisionRequest request, CancellationToken cancellationToken)
    {
        // The caller is admitted inside the transition, on the bookmark it reads anyway, and her claim is read and cleared on its
        // transaction: reading the task, its instance or its claim on connections of their own cost more processor time than the
        // transition (issue 15's profiles).
        TransitionResult result;
        try
        {
            result = await runtime.ResumeAsync(new ResumeRequest(id, caller.UserName, request.Outcome, request.Form, request.Comment), (bookmark, work) =>
            {
                var claim = transitionClaims.Find(work, id);
                TaskInbox.Admit(caller, bookmark, claim);
                if (claim is not null && claim.AssigneeId != caller.Id) throw HeldBy(claim);
                if (string.IsNullOrWhiteSpace(request.Outcome)) throw Refusal.Validation(("outcome", "请选择办理结果（required）"));
                if (request.Comment is { Length: > 4000 }) throw Refusal.Validation(("comment", "至多 4000 个字符（at most 4000 characters）"));
                if (claim is not null) transitionClaims.Clear(work, id);
            }, cancellationToken);
        }
        catch (Exception gone) when (gone is ConcurrencyConflictException or WorkflowException { Error: WorkflowError.BookmarkNotFound })
        {
            // No open bookmark: the refusal a reading of the task gives (decided by whom and when, or not found, within her scope).
            await inbox.FindForAsync(caller, id, cancellationToken);
            throw;
        }
        return new DecisionResult(result.InstanceId, result.Status.ToString().ToLowerInvariant(), result.Result,
            result.NewBookmarks.Where(b => b.Kind == BookmarkKind.UserTask).Select(b => b.Id).ToList());
    }

    private static RefusalException HeldBy(TaskClaimRow claim) =>
        Refusal.Conflict("task-claimed", $"此待办已由 {claim.AssigneeName} 认领（the task is held by {claim.AssigneeName}）", new Dictionary<string, object?> { ["claimedBy"] = claim.AssigneeName });
}
