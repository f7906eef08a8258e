using System.Globalization;
using System.Text.Json.Nodes;
using Workflow.Federation.Registry;
using Workflow.Federation.Schedules;
using Workflow.Server.Accounts;
using Workflow.Server.Reminders;

namespace Workflow.Server.Bodies;

public sealed record ReElectionPlanning(int Reminders, int Requests);

/// <summary>
/// 换届: every founded body's officers are reminded six and one month before its term ends, and a re-election request
/// (<c>workflows/re-election.json</c>) waits to open in their inbox six months ahead. Idempotent by key, so it runs at
/// start-up and every hour and picks up bodies registered meanwhile.
/// </summary>
public sealed class ReElectionRequests(RegistryService registry, ReminderPlanner planner, FollowUps.FollowUps followUps, TimeProvider clock)
{
    public const string Definition = "re-election";

    public async Task<ReElectionPlanning> PlanAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var bodies = (await registry.ListAsync("", null, cancellationToken))
            .Where(b => b is { FoundedOn: not null, Status: FederationBodyStatus.Founded }).ToList();
        var schedules = bodies.ToDictionary(b => b.Id, b => ReElection.Schedule(b.FoundedOn!.Value));
        var keys = schedules.Values.Select(s => Key(s.TermEnd)).ToHashSet();
        var requested = await followUps.SubjectsWithAsync(keys, cancellationToken);
        var (reminders, requests) = (0, 0);
        foreach (var body in bodies)
        {
            var schedule = schedules[body.Id];
            reminders += (await planner.PlanAsync(ReminderPlans.ReElection(body.Id, body.Name, schedule, ReminderAudience.Role(Roles.Officer, body.RegionCode), now), cancellationToken)).Added;
            if (requested.Contains(body.Id)) continue;
            var opensAt = schedule.Reminders.MaxBy(r => r.MonthsBefore)!.At;
            await followUps.EnsureAsync(body.Id, Key(schedule.TermEnd), Definition, new JsonObject
            {
                ["bodyId"] = body.Id.ToString(), ["bodyName"] = body.Name, ["regionCode"] = body.RegionCode,
                ["termEnd"] = schedule.TermEnd.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["opensAt"] = opensAt.Iso,
            }, "system", cancellationToken);
            requests++;
        }
        return new ReElectionPlanning(reminders, requests);
    }

    private static string Key(DateOnly termEnd) => $"re-election:{termEnd:yyyy-MM-dd}";
}
