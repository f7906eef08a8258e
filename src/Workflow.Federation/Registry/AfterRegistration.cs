using System.Globalization;
using System.Text.Json.Nodes;
using Workflow.Federation.FollowUps;
using Workflow.Federation.Invitations;
using Workflow.Federation.ReElection;
using Workflow.Federation.Reminders;

namespace Workflow.Federation.Registry;

public sealed record RegistrationFollowUps(int Reminders, int Requests, int SetUps = 0, int Invitations = 0);

/// <summary>
/// What registration starts for every founded body: its officers' set-up task (<c>workflows/body-setup.json</c>: rotation,
/// duty groups, joint meetings), the elected leaders' account invitations (<see cref="LeaderInvitations"/>) and, for 换届, reminders six and one month before its term ends and a re-election request
/// (<c>workflows/re-election.json</c>) that waits to open in their inbox six months ahead. Idempotent by key: it runs at
/// start-up, every hour, and right after a founding ends in registration or a re-election installs a new term, whose end keys the next request.
/// </summary>
public sealed class AfterRegistration(RegistryService registry, IReminderPlanning planner, FollowUpService followUps, LeaderInvitations invitations, TimeProvider clock)
{
    public const string Definition = "re-election";
    public const string SetUpDefinition = "body-setup";
    public const string SetUpKey = "set-up";

    public async Task<RegistrationFollowUps> PlanAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var bodies = await registry.FoundedAsync(cancellationToken);
        var schedules = bodies.ToDictionary(b => b.Id, b => b.TermEndsOn is { } end ? ReElectionRules.ForTerm(b.FoundedOn, end) : ReElectionRules.Schedule(b.FoundedOn));
        var keys = schedules.Values.Select(s => Key(s.TermEnd)).ToHashSet();
        var requested = await followUps.SubjectsWithAsync(keys, cancellationToken);
        var setUp = await followUps.SubjectsWithAsync([SetUpKey], cancellationToken);
        var (reminders, requests, setUps) = (0, 0, 0);
        foreach (var body in bodies)
        {
            if (!setUp.Contains(body.Id))
            {
                await followUps.EnsureAsync(body.Id, SetUpKey, SetUpDefinition, new JsonObject
                {
                    ["bodyId"] = body.Id.ToString(), ["bodyName"] = body.Name, ["regionCode"] = body.RegionCode, ["kind"] = body.Kind.ToString(),
                }, "system", cancellationToken);
                setUps++;
            }
            // The reminders are planned before the request is started, so a body with its request has its reminders too:
            // the hourly run plans nothing again for it.
            if (requested.Contains(body.Id)) continue;
            var schedule = schedules[body.Id];
            reminders += (await planner.PlanAsync(ReElectionReminders.Plan(body.Id, body.Name, schedule, ReminderAudience.Role(AccountRoles.Officer, body.RegionCode), now), cancellationToken)).Added;
            var opensAt = schedule.Reminders.MaxBy(r => r.MonthsBefore)!.At;
            await followUps.EnsureAsync(body.Id, Key(schedule.TermEnd), Definition, new JsonObject
            {
                ["bodyId"] = body.Id.ToString(), ["bodyName"] = body.Name, ["regionCode"] = body.RegionCode,
                ["termEnd"] = schedule.TermEnd.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["opensAt"] = opensAt.Iso,
            }, "system", cancellationToken);
            requests++;
        }
        return new RegistrationFollowUps(reminders, requests, setUps, await invitations.IssueAsync(cancellationToken));
    }

    private static string Key(DateOnly termEnd) => $"re-election:{termEnd:yyyy-MM-dd}";
}
