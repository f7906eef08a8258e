using Workflow.Federation.DutyGroups;
using Workflow.Federation.Storage;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Workflow.Federation.ReElection;
using Workflow.Server.Accounts;
using Workflow.Server.Problems;
using Workflow.Server.Reminders;

namespace Workflow.Server.Bodies;

/// <summary>Without executives, every leader of the executive committee as linked to her account.</summary>
public sealed record DutyGroupsRequest(DateOnly Start, IReadOnlyList<Guid>? Executives, int Groups, int MinSize, int MaxSize);

public sealed record ScheduledDutyGroups(IReadOnlyList<DutyGroup> Groups, IReadOnlyList<DutyTurn> Turns, PlanResult? Reminders, DateTimeOffset? UpdatedAt = null, string? UpdatedBy = null);

/// <summary>Executive duty groups (执委轮值, seed 003): balanced groups within the size bounds, a group on duty every two months.</summary>
public sealed class DutyGroupSchedule(BodyAccess access, ReminderPlanner planner, IDbContextFactory<FederationDbContext> contexts, TimeProvider clock)
{

    public async Task<ScheduledDutyGroups> GetAsync(Caller caller, Guid bodyId, CancellationToken cancellationToken)
    {
        await access.VisibleAsync(caller, bodyId, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.BodyDutyGroups.AsNoTracking().SingleOrDefaultAsync(r => r.BodyId == bodyId, cancellationToken)
            ?? throw ProblemException.NotFound("duty groups of body", bodyId);
        return new ScheduledDutyGroups(JsonSerializer.Deserialize<List<DutyGroup>>(row.GroupsJson, JsonSerializerOptions.Web)!, JsonSerializer.Deserialize<List<DutyTurn>>(row.TurnsJson, JsonSerializerOptions.Web)!,
            null, row.UpdatedAt, row.UpdatedBy);
    }

    /// <summary>Splits and schedules the groups, replacing the future of an earlier split; settings that break the bounds are refused with the nearest valid ones.</summary>
    public async Task<ScheduledDutyGroups> PlanAsync(Caller caller, Guid bodyId, DutyGroupsRequest request, CancellationToken cancellationToken)
    {
        var body = await access.VisibleAsync(caller, bodyId, cancellationToken);
        var executives = request.Executives is { Count: > 0 } named ? named : BodyLeaders.Executives(body);
        await access.CheckPeopleAsync(executives, null, body.RegionCode, "executives", cancellationToken);
        if (request.Groups < 1 || request.MinSize < 1 || request.MaxSize < request.MinSize)
            throw ProblemException.Validation(("groups", "at least one group, sizes from at least 1 with the maximum not below the minimum"));
        var split = DutyGroupRules.Split(executives.Select(id => id.ToString()).ToList(),
            new DutyGroupSettings { GroupCount = request.Groups, MinGroupSize = request.MinSize, MaxGroupSize = request.MaxSize });
        if (!split.IsAccepted) throw BodyAccess.Refused(split.Refusals, new() { ["proposals"] = split.Proposals });
        var turns = DutyGroupRules.Calendar(split.Groups, request.Start, body.TermEndsOn ?? ReElectionRules.TermEnd(request.Start));

        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            var row = await db.BodyDutyGroups.SingleOrDefaultAsync(r => r.BodyId == bodyId, cancellationToken);
            if (row is null) db.BodyDutyGroups.Add(row = new BodyDutyGroupsRow { BodyId = bodyId, GroupsJson = "", TurnsJson = "", UpdatedAt = default, UpdatedBy = "" });
            row.GroupsJson = JsonSerializer.Serialize(split.Groups, JsonSerializerOptions.Web);
            row.TurnsJson = JsonSerializer.Serialize(turns, JsonSerializerOptions.Web);
            row.UpdatedAt = clock.GetUtcNow();
            row.UpdatedBy = caller.UserName;
            await db.SaveChangesAsync(cancellationToken);
        }
        await planner.CancelAsync(ReminderKeys.Prefix("duty-group", bodyId), cancellationToken);
        var result = await planner.PlanAsync(ReminderPlans.DutyGroups(bodyId, body.Name, turns, clock.GetUtcNow()), cancellationToken);
        return new ScheduledDutyGroups(split.Groups, turns, result);
    }
}
