using System.Text.Json.Nodes;
using Workflow.Engine.Definitions;
using Workflow.Engine.Journal;
using Workflow.Persistence.Definitions;
using Workflow.Persistence.Instances;
using Workflow.Persistence.Runtime;

namespace Workflow.Server.Tasks;

/// <summary>The people's decisions of a request from its journal, each with its step's title and its fields' labels.</summary>
public static class TaskHistory
{
    /// <summary>The outcome by which a step sends a request back (every definition in <c>workflows/</c> names it so).</summary>
    public const string ReturnOutcome = "return";

    public static IReadOnlyList<DecisionView> Decisions(WorkflowDefinition definition, IEnumerable<JournalEntry> journal) =>
        [.. journal.Where(j => j.Kind == JournalKind.Resumed && j.BookmarkId is not null).Select(j => Decision(definition, j))];

    /// <summary>
    /// The decisions of the whole request the instance belongs to, oldest first: a founding's and those of the election it runs as a
    /// child workflow, so a task of either shows every decision before it.
    /// </summary>
    public static async Task<IReadOnlyList<DecisionView>> OfRequestAsync(InstanceQueries instances, DefinitionStore definitions, Guid instanceId,
        CancellationToken cancellationToken)
    {
        var decisions = new List<DecisionView>();
        foreach (var instance in await instances.FamilyAsync(await instances.RootAsync(instanceId, cancellationToken), cancellationToken))
            decisions.AddRange(Decisions(await definitions.GetAsync(instance.DefinitionId, instance.DefinitionVersion, cancellationToken),
                await instances.JournalAsync(instance.Id, cancellationToken)));
        return [.. decisions.OrderBy(d => d.At)];
    }

    /// <summary>The decision that sent the request back to this step, when the last decision before it opened was a return.</summary>
    public static DecisionView? ReturnedBy(IReadOnlyList<DecisionView> history, DateTimeOffset openedAt) =>
        history.LastOrDefault(d => d.At <= openedAt) is { Outcome: ReturnOutcome } returned ? returned : null;

    private static DecisionView Decision(WorkflowDefinition definition, JournalEntry entry)
    {
        var task = entry.ActivityId is { } id && definition.TryGetActivity(id, out var activity) ? activity as UserTaskActivity : null;
        var data = entry.Data is null ? null : JsonNode.Parse(entry.Data) as JsonObject;
        var comment = data?[UserTaskActivity.DecisionComment] is JsonValue c && c.TryGetValue<string>(out var text) ? text : null;
        var values = new List<DecisionValue>();
        foreach (var (name, value) in data ?? [])
        {
            if (UserTaskActivity.DecisionFields.Contains(name) || value is null) continue;
            var label = task?.Form.FirstOrDefault(f => f.Name == name)?.Label ?? name;
            values.Add(new DecisionValue(name, label, value is JsonValue v && v.TryGetValue<string>(out var s) ? s : value.ToJsonString()));
        }
        return new DecisionView(entry.At, entry.Actor, entry.ActivityId, task?.Title, entry.Outcome, comment, values);
    }
}
