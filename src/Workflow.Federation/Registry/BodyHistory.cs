using Workflow.Federation.Common;
using Workflow.Federation.FollowUps;
using Workflow.Federation.Founding;
using Workflow.Federation.Rotations;

namespace Workflow.Federation.Registry;

/// <summary>
/// One thing that happened to a body: when (UTC), what (<c>founding</c>, <c>nomination</c>, <c>election</c>, <c>rotation</c>, <c>handover</c>,
/// <c>set-up</c>, <c>re-election</c>), who, and the step and outcome.
/// </summary>
public sealed record BodyEvent(DateTimeOffset At, string Kind, string Actor, string Step, string? Outcome, string? Note);

/// <summary>
/// A body's history, read from where it was recorded: its founding request's (every decision, nomination and round of voting up to registration),
/// the rotation's adjustments with their reasons, and the decisions of the workflows its schedules started.
/// </summary>
public sealed class BodyHistory(BodyAccess access, RotationSchedule rotation, FollowUpService followUps, FoundingHistory founding, WorkflowDecisions decisions)
{
    public async Task<IReadOnlyList<BodyEvent>> GetAsync(Acting actor, Guid bodyId, CancellationToken cancellationToken)
    {
        var body = await access.VisibleAsync(actor, bodyId, cancellationToken);
        var events = new List<BodyEvent>();
        if (body.FoundingRequestId is { } requestId)
            events.AddRange(await founding.GetAsync(new Actor(actor.UserName, actor.RegionCode, actor.IsAdmin), requestId, cancellationToken));

        foreach (var followUp in await followUps.ListAsync(bodyId, "", cancellationToken))
            events.AddRange(await decisions.ReadAsync(followUp.InstanceId, followUp.Key.Split(':')[0], cancellationToken));
        if (await rotation.StoredAsync(bodyId, cancellationToken) is { } stored)
            events.AddRange(stored.Plan.Adjustments.Select(a => new BodyEvent(
                ChinaInstant.At(a.MadeOn, TimeOnly.MinValue).Utc, "rotation", "", a.Kind.ToString().ToLowerInvariant(),
                string.Join(",", a.PeriodNumbers), a.Reason)));
        return [.. events.OrderBy(e => e.At)];
    }
}
