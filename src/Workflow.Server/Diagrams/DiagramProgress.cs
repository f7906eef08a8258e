using Workflow.Engine.Definitions;
using Workflow.Engine.Execution;
using Workflow.Engine.Journal;
using Workflow.Persistence.Runtime;

namespace Workflow.Server.Diagrams;

/// <summary>A connection: the outcome of an activity that leads on.</summary>
public readonly record struct Connection(string From, string Outcome);

/// <summary>
/// How far an instance has come: where it waits now, where a step failed, what it passed through and which connections it
/// took (and how often: a returned request goes round its loop more than once).
/// </summary>
public sealed record DiagramProgress(
    IReadOnlySet<string> Current,
    IReadOnlySet<string> Faulted,
    IReadOnlySet<string> Visited,
    IReadOnlyDictionary<Connection, int> Taken,
    bool Finished,
    string? Result)
{
    /// <summary>
    /// Reads the path from the journal: every row that moved the instance on names the activity and its outcome, and the
    /// connection that outcome selects is the one taken (a fork takes all its branches), and its target was reached. The open bookmarks are the current
    /// steps; open incidents mark the steps that failed.
    /// </summary>
    public static DiagramProgress Of(WorkflowDefinition definition, InstanceView instance, IEnumerable<JournalEntry> journal)
    {
        var taken = new Dictionary<Connection, int>();
        var visited = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in journal)
        {
            if (entry.ActivityId is null || !definition.TryGetActivity(entry.ActivityId, out var activity)) continue;
            if (entry.Kind == JournalKind.Finished) visited.Add(activity.Id);
            if (!MovesOn(entry.Kind)) continue;
            visited.Add(activity.Id);
            var outcomes = activity is ForkActivity ? activity.Next.Keys : [entry.Outcome ?? ActivityDefinition.Done];
            foreach (var outcome in outcomes)
            {
                var key = activity.Next.ContainsKey(outcome) ? outcome : "default";
                if (!activity.Next.TryGetValue(key, out var target)) continue;
                var connection = new Connection(activity.Id, key);
                taken[connection] = taken.GetValueOrDefault(connection) + 1;
                // A join that a branch reached still waits for the others: it is passed only when it joins (its own row).
                if (!definition.TryGetActivity(target, out var next) || next is not JoinActivity) visited.Add(target);
            }
        }
        var current = instance.Bookmarks.Select(b => b.ActivityId).ToHashSet(StringComparer.Ordinal);
        var faulted = instance.Incidents.Where(i => i.ResolvedAt is null && i.ActivityId is not null).Select(i => i.ActivityId!).ToHashSet(StringComparer.Ordinal);
        var finished = instance.Status is InstanceStatus.Finished or InstanceStatus.Cancelled;
        return new DiagramProgress(current, faulted, visited, taken, finished, instance.Result);
    }

    private static bool MovesOn(JournalKind kind) =>
        kind is JournalKind.Started or JournalKind.Executed or JournalKind.Resumed or JournalKind.TimerFired or JournalKind.ChildFinished or JournalKind.Joined;

    internal NodeState StateOf(string activityId) =>
        Faulted.Contains(activityId) ? NodeState.Faulted
        : Current.Contains(activityId) ? NodeState.Current
        : Visited.Contains(activityId) ? NodeState.Visited
        : NodeState.Pending;
}

internal enum NodeState { Plain, Pending, Visited, Current, Faulted }
