using System.Text.Json;
using Workflow.Engine.Definitions;
using Workflow.Engine.Journal;
using Workflow.Federation.Common;
using Workflow.Federation.FollowUps;
using Workflow.Federation.Founding;
using Workflow.Federation.Rotations;
using Workflow.Persistence.Definitions;
using Workflow.Persistence.Instances;

namespace Workflow.Federation.Registry;

/// <summary>One thing that happened to a body: when (UTC), what (<c>founding</c>, <c>rotation</c>, <c>handover</c>, <c>set-up</c>, <c>re-election</c>), who, and the step and outcome.</summary>
public sealed record BodyEvent(DateTimeOffset At, string Kind, string Actor, string Step, string? Outcome, string? Note);

/// <summary>
/// A body's history, read from where it was recorded: the founding workflow's journal (every decision up to registration),
/// the rotation's adjustments with their reasons, and the decisions of the workflows its schedules started.
/// </summary>
public sealed class BodyHistory(BodyAccess access, RotationSchedule rotation, FollowUpService followUps, FoundingService foundings, InstanceQueries instances,
    DefinitionStore definitions)
{
    public async Task<IReadOnlyList<BodyEvent>> GetAsync(Acting actor, Guid bodyId, CancellationToken cancellationToken)
    {
        var body = await access.VisibleAsync(actor, bodyId, cancellationToken);
        var events = new List<BodyEvent>();
        if (body.FoundingRequestId is { } requestId && (await foundings.GetAsync(new Actor(actor.UserName, actor.RegionCode, actor.IsAdmin), requestId, cancellationToken)).InstanceId is { } founding)
            events.AddRange(await DecisionsAsync(founding, "founding", cancellationToken));

        foreach (var followUp in await followUps.ListAsync(bodyId, "", cancellationToken))
            events.AddRange(await DecisionsAsync(followUp.InstanceId, followUp.Key.Split(':')[0], cancellationToken));
        if (await rotation.StoredAsync(bodyId, cancellationToken) is { } stored)
            events.AddRange(stored.Plan.Adjustments.Select(a => new BodyEvent(
                ChinaInstant.At(a.MadeOn, TimeOnly.MinValue).Utc, "rotation", "", a.Kind.ToString().ToLowerInvariant(),
                string.Join(",", a.PeriodNumbers), a.Reason)));
        return [.. events.OrderBy(e => e.At)];
    }

    /// <summary>The start and the people's decisions of one workflow instance, each named by its step's title.</summary>
    private async Task<IEnumerable<BodyEvent>> DecisionsAsync(Guid instanceId, string kind, CancellationToken cancellationToken)
    {
        var instance = await instances.GetAsync(instanceId, cancellationToken);
        var definition = await definitions.GetAsync(instance.DefinitionId, instance.DefinitionVersion, cancellationToken);
        var journal = await instances.JournalAsync(instanceId, cancellationToken);
        return journal
            .Where(j => j.Kind is JournalKind.Resumed or JournalKind.Cancelled || (j.Kind == JournalKind.Started && kind == "founding"))
            .Select(j => new BodyEvent(j.At, kind, j.Actor, Step(definition, j.ActivityId, j.Kind), j.Outcome, Comment(j.Data)));
    }

    private static string Step(WorkflowDefinition definition, string? activityId, JournalKind kind) => kind switch
    {
        JournalKind.Started => definition.Name,
        JournalKind.Cancelled => "withdrawn",
        _ => activityId is not null && definition.Activity(activityId) is UserTaskActivity { Title: { } title } ? title : activityId ?? "",
    };

    private static string? Comment(string? data)
    {
        if (data is null) return null;
        using var document = JsonDocument.Parse(data);
        return document.RootElement.ValueKind == JsonValueKind.Object
            && (document.RootElement.TryGetProperty("comment", out var c) || document.RootElement.TryGetProperty("reason", out c))
            && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
    }
}
