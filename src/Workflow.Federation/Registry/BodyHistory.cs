using Workflow.Federation.Common;
using Workflow.Federation.FollowUps;
using Workflow.Federation.Founding;
using Microsoft.EntityFrameworkCore;
using Workflow.Federation.Reminders;
using Workflow.Federation.Rotations;
using Workflow.Federation.Storage;

namespace Workflow.Federation.Registry;

/// <summary>
/// One thing that happened to a body: when (UTC), what (<c>founding</c>, <c>nomination</c>, <c>election</c>, <c>rotation</c>, <c>handover</c>,
/// <c>set-up</c>, <c>re-election</c>, <c>term</c>), who, and the step and outcome.
/// </summary>
public sealed record BodyEvent(DateTimeOffset At, string Kind, string Actor, string Step, string? Outcome, string? Note);

/// <summary>
/// A body's history, read from where it was recorded: its founding request's (every decision, nomination and round of voting up to registration),
/// the rotation's adjustments with their reasons, and the decisions of the workflows its schedules started.
/// </summary>
public sealed class BodyHistory(BodyAccess access, RotationSchedule rotation, FollowUpService followUps, FoundingHistory founding, WorkflowDecisions decisions,
    FederationWriter writer)
{
    public const string Term = "term";

    public async Task<IReadOnlyList<BodyEvent>> GetAsync(Acting actor, Guid bodyId, CancellationToken cancellationToken)
    {
        var body = await access.VisibleAsync(actor, bodyId, cancellationToken);
        var events = new List<BodyEvent>();
        var reader = new Actor(actor.UserName, actor.RegionCode, actor.IsAdmin);
        if (body.FoundingRequestId is { } requestId)
            events.AddRange(await founding.GetAsync(reader, requestId, cancellationToken));

        // A re-election's election is a request of the body: its decisions, nominations and votes, told as the founding's are.
        List<(Guid Id, Guid? InstanceId)> reElections;
        await using (var db = await writer.ReadAsync(cancellationToken))
            reElections = [.. (await db.FoundingRequests.AsNoTracking().Where(r => r.BodyId == bodyId && r.Id != body.FoundingRequestId)
                .Select(r => new { r.Id, r.InstanceId }).ToListAsync(cancellationToken)).Select(r => (r.Id, r.InstanceId))];
        foreach (var (id, _) in reElections) events.AddRange(await founding.GetAsync(reader, id, cancellationToken, AfterRegistration.Definition));
        events.AddRange(Terms(body));

        foreach (var followUp in await followUps.ListAsync(bodyId, "", cancellationToken))
            if (reElections.All(r => r.InstanceId != followUp.InstanceId))
                events.AddRange(await decisions.ReadAsync(followUp.InstanceId, followUp.Key.Split(':')[0], cancellationToken));
        if (await rotation.StoredAsync(bodyId, cancellationToken) is { } stored)
            events.AddRange(stored.Plan.Adjustments.Select(a => new BodyEvent(
                ChinaInstant.At(a.MadeOn, TimeOnly.MinValue).Utc, "rotation", "", a.Kind.ToString().ToLowerInvariant(),
                string.Join(",", a.PeriodNumbers), a.Reason)));
        return [.. events.OrderBy(e => e.At)];
    }

    /// <summary>Once a body was re-elected, each term with its leadership: the earlier ones closed, the last in office.</summary>
    private static IEnumerable<BodyEvent> Terms(FederationBody body)
    {
        if (body.FormerLeaders is not { Count: > 0 } former) return [];
        var terms = former.Concat(body.Leaders).GroupBy(l => l.TermStart).OrderBy(t => t.Key).ToList();
        // At the close of its first day: the steps that elected it that day come before it.
        return terms.Select((t, i) => new BodyEvent(ChinaInstant.At(t.Key, TimeOnly.MaxValue).Utc, Term, "",
            $"第{i + 1}届领导班子（{ReminderParts.Zh(t.Key)}至{ReminderParts.Zh(t.Max(l => l.TermEnd))}）", i == terms.Count - 1 ? "current" : "closed", Leadership(t)));
    }

    private static string Leadership(IEnumerable<BodyLeader> leaders)
    {
        var byRole = leaders.GroupBy(l => l.Role).OrderBy(g => g.Key);
        return string.Join("；", byRole.Select(g => $"{g.Key.Chinese()}：{string.Join("、", g.Select(l => l.Name))}"));
    }
}
