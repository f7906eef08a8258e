using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Workflow.Federation.Common;
using Workflow.Federation.Holidays;
using Workflow.Federation.ReElection;
using Workflow.Federation.Registry;
using Workflow.Federation.Reminders;
using Workflow.Federation.Storage;

namespace Workflow.Federation.DutyGroups;

/// <summary>Without executives, every leader of the executive committee as linked to her account.</summary>
public sealed record DutyGroupsRequest(DateOnly Start, IReadOnlyList<Guid>? Executives, int Groups, int MinSize, int MaxSize);

public sealed record ScheduledDutyGroups(IReadOnlyList<DutyGroup> Groups, IReadOnlyList<DutyTurn> Turns, PlanResult? Reminders, DateTimeOffset? UpdatedAt = null, string? UpdatedBy = null);

/// <summary>Executive duty groups (执委轮值, seed 003): balanced groups within the size bounds, a group on duty every two months.</summary>
public sealed class DutyGroupSchedule(BodyAccess access, IReminderPlanning planner, IDbContextFactory<FederationDbContext> contexts, HolidayCalendar holidays, TimeProvider clock)
{
    public async Task<ScheduledDutyGroups> GetAsync(Acting actor, Guid bodyId, CancellationToken cancellationToken)
    {
        await access.VisibleAsync(actor, bodyId, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.BodyDutyGroups.AsNoTracking().SingleOrDefaultAsync(r => r.BodyId == bodyId, cancellationToken)
            ?? throw Errors.NotFound("duty-groups", $"妇联组织 {bodyId} 尚未划分执委轮值小组，或不在您的辖区内",
                $"duty groups of body '{bodyId}' do not exist or are outside your region");
        return new ScheduledDutyGroups(JsonSerializer.Deserialize<List<DutyGroup>>(row.GroupsJson, JsonSerializerOptions.Web)!, JsonSerializer.Deserialize<List<DutyTurn>>(row.TurnsJson, JsonSerializerOptions.Web)!,
            null, row.UpdatedAt, row.UpdatedBy);
    }

    /// <summary>Splits and schedules the groups, replacing the future of an earlier split; settings that break the bounds are refused with the nearest valid ones.</summary>
    public async Task<ScheduledDutyGroups> PlanAsync(Acting actor, Guid bodyId, DutyGroupsRequest request, CancellationToken cancellationToken)
    {
        var body = await access.VisibleAsync(actor, bodyId, cancellationToken);
        var executives = request.Executives is { Count: > 0 } named ? named : BodyLeaders.Executives(body);
        var names = await access.CheckPeopleAsync(executives, null, body.RegionCode, "executives", cancellationToken);
        OnTheCommittee(body, executives, names);
        if (request.Groups < 1 || request.MinSize < 1 || request.MaxSize < request.MinSize)
            throw Errors.Invalid("groups", "duty-group-bounds", "至少一个小组，每组至少 1 人，上限不低于下限",
                "at least one group, sizes from at least 1 with the maximum not below the minimum");
        var split = DutyGroupRules.Split(executives.Select(id => id.ToString()).ToList(),
            new DutyGroupSettings { GroupCount = request.Groups, MinGroupSize = request.MinSize, MaxGroupSize = request.MaxSize });
        if (!split.IsAccepted) throw new RuleRefusedException(split.Refusals, new Dictionary<string, object?> { ["proposals"] = split.Proposals });
        var turns = DutyGroupRules.Calendar(split.Groups, request.Start, body.TermEndsOn ?? ReElectionRules.TermEnd(request.Start),
            calendar: await holidays.CurrentAsync(cancellationToken));

        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            var row = await db.BodyDutyGroups.SingleOrDefaultAsync(r => r.BodyId == bodyId, cancellationToken);
            if (row is null) db.BodyDutyGroups.Add(row = new BodyDutyGroupsRow { BodyId = bodyId, GroupsJson = "", TurnsJson = "", UpdatedAt = default, UpdatedBy = "" });
            row.GroupsJson = JsonSerializer.Serialize(split.Groups, JsonSerializerOptions.Web);
            row.TurnsJson = JsonSerializer.Serialize(turns, JsonSerializerOptions.Web);
            row.UpdatedAt = clock.GetUtcNow();
            row.UpdatedBy = actor.UserName;
            await db.SaveChangesAsync(cancellationToken);
        }
        var result = await RemindAsync(bodyId, body.Name, turns, cancellationToken);
        return new ScheduledDutyGroups(split.Groups, turns, result);
    }

    /// <summary>Groups are drawn from the body's own executive committee (seed 003): an account linked to none of its leaders is refused.</summary>
    private static void OnTheCommittee(FederationBody body, IReadOnlyList<Guid> executives, IReadOnlyDictionary<Guid, string> names)
    {
        var committee = BodyLeaders.LinkedExecutives(body);
        var outsiders = executives.Where(id => !committee.Contains(id)).Select(id => names[id]).ToList();
        if (outsiders.Count == 0) return;
        throw Errors.Invalid("executives", "not-on-committee", $"执委轮值小组只能由本组织执委会成员组成，这些人不是{body.Name}的执委：{string.Join("、", outsiders)}",
            $"duty groups are drawn from the body's executive committee; not executives of {body.Name}: {string.Join(", ", outsiders)}");
    }

    /// <summary>
    /// After the working calendar changed (an admin's override): every body's turns not yet begun move to the working day
    /// their rule day now lands on, and their reminders follow. Returns how many turns moved.
    /// </summary>
    public async Task<int> ReplanAsync(CancellationToken cancellationToken)
    {
        var calendar = await holidays.CurrentAsync(cancellationToken);
        var today = ChinaInstant.Of(clock.GetUtcNow()).LocalDate;
        var changed = new List<(Guid BodyId, IReadOnlyList<DutyTurn> Turns)>();
        var moved = 0;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            foreach (var row in await db.BodyDutyGroups.ToListAsync(cancellationToken))
            {
                var turns = JsonSerializer.Deserialize<List<DutyTurn>>(row.TurnsJson, JsonSerializerOptions.Web)!;
                var replanned = DutyGroupRules.OnWorkingDays(turns, calendar, today);
                var count = turns.Zip(replanned).Count(p => p.First.FirstDay != p.Second.FirstDay);
                if (count == 0) continue;
                row.TurnsJson = JsonSerializer.Serialize(replanned, JsonSerializerOptions.Web);
                row.UpdatedAt = clock.GetUtcNow();
                changed.Add((row.BodyId, replanned));
                moved += count;
            }
            await db.SaveChangesAsync(cancellationToken);
        }
        if (changed.Count == 0) return 0;
        await using var read = await contexts.CreateDbContextAsync(cancellationToken);
        var ids = changed.Select(c => c.BodyId).ToList();
        var names = await read.Bodies.AsNoTracking().Where(b => ids.Contains(b.Id)).ToDictionaryAsync(b => b.Id, b => b.Name, cancellationToken);
        foreach (var (bodyId, turns) in changed) await RemindAsync(bodyId, names.GetValueOrDefault(bodyId, ""), turns, cancellationToken);
        return moved;
    }

    private async Task<PlanResult> RemindAsync(Guid bodyId, string bodyName, IReadOnlyList<DutyTurn> turns, CancellationToken cancellationToken)
    {
        await planner.CancelAsync(ReminderKeys.Prefix("duty-group", bodyId), cancellationToken);
        return await planner.PlanAsync(DutyGroupReminders.Plan(bodyId, bodyName, turns, clock.GetUtcNow()), cancellationToken);
    }
}
