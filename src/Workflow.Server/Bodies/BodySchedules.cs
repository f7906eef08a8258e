using Microsoft.EntityFrameworkCore;
using Workflow.Federation.Elections;
using Workflow.Federation.Registry;
using Workflow.Federation.Schedules;
using Workflow.Server.Accounts;
using Workflow.Server.Problems;
using Workflow.Server.Reminders;
using Workflow.Server.Storage;

namespace Workflow.Server.Bodies;

public sealed record RotationRequest(DateOnly Start, IReadOnlyList<Guid> Order, int? MonthsPerTurn, int? ReminderDaysBefore);

public sealed record DutyGroupsRequest(DateOnly Start, IReadOnlyList<Guid> Executives, int Groups, int MinSize, int MaxSize);

public sealed record ScheduledRotation(IReadOnlyList<RotationPeriod> Periods, PlanResult Reminders);

public sealed record ScheduledDutyGroups(IReadOnlyList<DutyGroup> Groups, IReadOnlyList<DutyTurn> Turns, PlanResult Reminders);

/// <summary>A registered body's life after founding: its rotating presidium, its executive duty groups and its re-election, each planned as reminders.</summary>
public sealed class BodySchedules(RegistryService registry, ReminderPlanner planner, IDbContextFactory<ServiceDbContext> accounts, TimeProvider clock)
{
    public async Task<ScheduledRotation> PlanRotationAsync(Caller caller, Guid bodyId, RotationRequest request, CancellationToken cancellationToken)
    {
        var body = await VisibleAsync(caller, bodyId, cancellationToken);
        await CheckPeopleAsync(request.Order, Roles.Chair, body.RegionCode, "order", cancellationToken);
        if (request.MonthsPerTurn is < 1 or > 12) throw ProblemException.Validation(("monthsPerTurn", "1 to 12 months"));
        if (request.ReminderDaysBefore is < 1 or > 60) throw ProblemException.Validation(("reminderDaysBefore", "1 to 60 days"));
        var settings = new RotationSettings
        {
            MonthsPerTurn = request.MonthsPerTurn ?? new RotationSettings().MonthsPerTurn,
            ReminderDaysBefore = request.ReminderDaysBefore ?? new RotationSettings().ReminderDaysBefore,
        };
        var planned = RotatingPresidium.Plan(request.Order.Select(id => id.ToString()).ToList(), request.Start, body.TermEndsOn ?? ReElection.TermEnd(request.Start), settings);
        if (!planned.IsAccepted) throw Refused(planned.Refusals);
        // A new plan replaces the old one's future reminders; delivered ones stay delivered.
        await planner.CancelAsync(ReminderKeys.Prefix("rotation", bodyId), cancellationToken);
        var result = await planner.PlanAsync(ReminderPlans.Rotation(bodyId, body.Name, planned.Accepted, clock.GetUtcNow()), cancellationToken);
        return new ScheduledRotation(planned.Accepted.Periods, result);
    }

    public async Task<ScheduledDutyGroups> PlanDutyGroupsAsync(Caller caller, Guid bodyId, DutyGroupsRequest request, CancellationToken cancellationToken)
    {
        var body = await VisibleAsync(caller, bodyId, cancellationToken);
        await CheckPeopleAsync(request.Executives, null, body.RegionCode, "executives", cancellationToken);
        if (request.Groups < 1 || request.MinSize < 1 || request.MaxSize < request.MinSize)
            throw ProblemException.Validation(("groups", "at least one group, sizes from at least 1 with the maximum not below the minimum"));
        var split = DutyGroups.Split(request.Executives.Select(id => id.ToString()).ToList(),
            new DutyGroupSettings { GroupCount = request.Groups, MinGroupSize = request.MinSize, MaxGroupSize = request.MaxSize });
        if (!split.IsAccepted)
            throw new ProblemException(422, "rule-refused", "不符合规则 / Refused by the rules", string.Join("；", split.Refusals.Select(r => r.Chinese)),
                new Dictionary<string, object?> { ["explanations"] = split.Refusals, ["proposals"] = split.Proposals });
        var turns = DutyGroups.Calendar(split.Groups, request.Start, body.TermEndsOn ?? ReElection.TermEnd(request.Start));
        await planner.CancelAsync(ReminderKeys.Prefix("duty-group", bodyId), cancellationToken);
        var result = await planner.PlanAsync(ReminderPlans.DutyGroups(bodyId, body.Name, turns, clock.GetUtcNow()), cancellationToken);
        return new ScheduledDutyGroups(split.Groups, turns, result);
    }

    /// <summary>Re-election reminders for every founded body, six and one month before its term ends, to the officers of its region. Idempotent by key.</summary>
    public async Task<int> PlanReElectionsAsync(CancellationToken cancellationToken)
    {
        var planned = 0;
        foreach (var body in await registry.ListAsync("", null, cancellationToken))
        {
            if (body.FoundedOn is not { } founded || body.Status != FederationBodyStatus.Founded) continue;
            var plan = ReminderPlans.ReElection(body.Id, body.Name, ReElection.Schedule(founded), ReminderAudience.Role(Roles.Officer, body.RegionCode), clock.GetUtcNow());
            planned += (await planner.PlanAsync(plan, cancellationToken)).Added;
        }
        return planned;
    }

    private async Task<FederationBody> VisibleAsync(Caller caller, Guid bodyId, CancellationToken cancellationToken)
    {
        var body = await registry.GetAsync(bodyId, cancellationToken);
        if (!caller.Covers(body.RegionCode)) throw ProblemException.NotFound("body", bodyId);
        return body;
    }

    /// <summary>Everyone named must be an active account whose home region lies on the body's path (its region or above it).</summary>
    private async Task CheckPeopleAsync(IReadOnlyList<Guid> ids, string? role, string bodyRegion, string field, CancellationToken cancellationToken)
    {
        if (ids.Count == 0) throw ProblemException.Validation((field, "name at least one person"));
        if (ids.Distinct().Count() != ids.Count) throw ProblemException.Validation((field, "a person appears twice"));
        await using var db = await accounts.CreateDbContextAsync(cancellationToken);
        var users = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id) && u.Active).ToListAsync(cancellationToken);
        var problems = ids.Where(id => users.All(u => u.Id != id)).Select(id => (field, $"no active user {id}"))
            .Concat(users.Where(u => role is not null && !u.RoleList.Contains(role)).Select(u => (field, $"{u.UserName} is not a {role}")))
            .Concat(users.Where(u => !bodyRegion.StartsWith(u.RegionCode, StringComparison.Ordinal) && !u.RegionCode.StartsWith(bodyRegion, StringComparison.Ordinal))
                .Select(u => (field, $"{u.UserName} works outside the body's region")))
            .ToArray();
        if (problems.Length > 0) throw ProblemException.Validation(problems);
    }

    private static ProblemException Refused(IReadOnlyList<Explanation> refusals) =>
        new(422, "rule-refused", "不符合规则 / Refused by the rules", string.Join("；", refusals.Select(r => r.Chinese)),
            new Dictionary<string, object?> { ["explanations"] = refusals });
}
