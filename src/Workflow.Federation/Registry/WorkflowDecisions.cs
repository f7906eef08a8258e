using System.Text.Json;
using Workflow.Engine.Definitions;
using Workflow.Engine.Journal;
using Workflow.Persistence.Definitions;
using Workflow.Persistence.Instances;

namespace Workflow.Federation.Registry;

/// <summary>
/// The start and the people's decisions of one workflow instance, and the due dates a holiday moved, read from its journal, each named by its step's title. A child
/// workflow's start is no event of its own: the request started once.
/// </summary>
public sealed class WorkflowDecisions(InstanceQueries instances, DefinitionStore definitions)
{
    /// <summary>The outcome a step's moved due date shows under: an admin's holiday moved it, and the note says to when.</summary>
    public const string DueMoved = "dueMoved";

    public async Task<IEnumerable<BodyEvent>> ReadAsync(Guid instanceId, string kind, CancellationToken cancellationToken)
    {
        var instance = await instances.GetAsync(instanceId, cancellationToken);
        var definition = await definitions.GetAsync(instance.DefinitionId, instance.DefinitionVersion, cancellationToken);
        var journal = await instances.JournalAsync(instanceId, cancellationToken);
        return journal
            .Where(j => j.Kind is JournalKind.Resumed or JournalKind.Cancelled or JournalKind.DueMoved
                || (j.Kind == JournalKind.Started && kind == "founding" && instance.ParentInstanceId is null))
            .Select(j => new BodyEvent(j.At, kind, j.Actor, Step(definition, j.ActivityId, j.Kind), j.Kind == JournalKind.DueMoved ? DueMoved : j.Outcome, Comment(j.Data)));
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
