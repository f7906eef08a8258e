using Workflow.Engine.Expressions;

namespace Workflow.Engine.Definitions;

/// <summary>Graph-level checks: references, outcomes, joins, expressions, handlers, reachability and loops that never wait.</summary>
internal sealed class DefinitionValidator(IReadOnlyList<ActivityDefinition> activities, Func<string, bool> handlerExists)
{
    private readonly List<DefinitionError> _errors = [];
    private readonly Dictionary<string, int> _index = [];

    public List<DefinitionError> Validate()
    {
        for (var i = 0; i < activities.Count; i++)
        {
            if (!_index.TryAdd(activities[i].Id, i))
                _errors.Add(new DefinitionError($"activities[{i}].id", $"'{activities[i].Id}' is already the id of activities[{_index[activities[i].Id]}]"));
        }
        var starts = activities.OfType<StartActivity>().Count();
        if (starts != 1) _errors.Add(new DefinitionError("activities", $"a definition needs exactly one start activity, found {starts}"));
        if (!activities.OfType<EndActivity>().Any()) _errors.Add(new DefinitionError("activities", "a definition needs at least one end activity"));

        for (var i = 0; i < activities.Count; i++) CheckActivity(activities[i], $"activities[{i}]");
        if (_errors.Count == 0)
        {
            CheckReachability();
            CheckLoopsWait();
        }
        return _errors;
    }

    private void CheckActivity(ActivityDefinition activity, string path)
    {
        foreach (var (outcome, target) in activity.Next)
        {
            var at = activity is ForkActivity ? $"{path}.next[{outcome["branch".Length..]}]" : $"{path}.next.{outcome}";
            if (!_index.ContainsKey(target)) _errors.Add(new DefinitionError(at, $"no activity '{target}'"));
            else if (target == activity.Id) _errors.Add(new DefinitionError(at, "an activity cannot lead to itself"));
        }
        switch (activity)
        {
            case UserTaskActivity task:
                foreach (var outcome in task.Outcomes.Where(o => !task.Next.ContainsKey(o)))
                    _errors.Add(new DefinitionError($"{path}.next", $"outcome '{outcome}' has no next activity"));
                foreach (var outcome in task.Next.Keys.Where(o => !task.Outcomes.Contains(o)))
                    _errors.Add(new DefinitionError($"{path}.next.{outcome}", $"'{outcome}' is not one of the outcomes ({string.Join(", ", task.Outcomes)})"));
                CheckExpression(task.Assignee.RegionExpression, $"{path}.assignee.region");
                CheckExpression(task.Assignee.UserExpression, $"{path}.assignee.user");
                CheckExpression(task.EscalateTo?.RegionExpression, $"{path}.escalateTo.region");
                CheckExpression(task.EscalateTo?.UserExpression, $"{path}.escalateTo.user");
                foreach (var late in task.RemindBefore.Where(r => task.Due is { } due && r >= due))
                    _errors.Add(new DefinitionError($"{path}.remindBefore", $"a reminder {late} before the due date would fire before the task opens"));
                break;
            case DecisionActivity decision:
                CheckExpression(decision.Expression, $"{path}.expression");
                if (decision.Next.Count == 0) _errors.Add(new DefinitionError($"{path}.next", "a decision needs at least one outcome"));
                break;
            case SetVariableActivity set:
                CheckExpression(set.Expression, $"{path}.expression");
                if (set.Variable.Length > 0 && !set.Variable.All(c => char.IsLetterOrDigit(c) || c == '_'))
                    _errors.Add(new DefinitionError($"{path}.variable", $"'{set.Variable}' is not a plain variable name"));
                break;
            case NotifyActivity notify:
                CheckExpression(notify.To.RegionExpression, $"{path}.to.region");
                CheckExpression(notify.To.UserExpression, $"{path}.to.user");
                break;
            case TimerActivity timer:
                CheckExpression(timer.AtExpression, $"{path}.at");
                break;
            case ChildWorkflowActivity child:
                CheckExpression(child.InputExpression, $"{path}.input");
                if (child.Next.Count == 0) _errors.Add(new DefinitionError($"{path}.next", "a child workflow needs a next activity"));
                break;
            case ActionActivity action:
                if (action.Handler.Length > 0 && !handlerExists(action.Handler))
                    _errors.Add(new DefinitionError($"{path}.handler", $"no action handler registered as '{action.Handler}'"));
                if (action.Next.Count == 0) _errors.Add(new DefinitionError($"{path}.next", "an action needs a next activity"));
                break;
            case JoinActivity join:
                CheckJoin(join, path);
                break;
        }
    }

    private void CheckJoin(JoinActivity join, string path)
    {
        if (!_index.TryGetValue(join.ForkId, out var forkIndex) || activities[forkIndex] is not ForkActivity fork)
        {
            _errors.Add(new DefinitionError($"{path}.fork", $"no fork activity '{join.ForkId}'"));
            return;
        }
        if (join.Mode == JoinMode.N && join.Count > fork.Branches.Count)
            _errors.Add(new DefinitionError($"{path}.count", $"waits for {join.Count} branches but fork '{fork.Id}' has {fork.Branches.Count}"));
        if (activities.OfType<JoinActivity>().Count(j => j.ForkId == join.ForkId) > 1)
            _errors.Add(new DefinitionError($"{path}.fork", $"fork '{join.ForkId}' is joined by more than one join"));
    }

    private void CheckExpression(string? expression, string path)
    {
        if (string.IsNullOrEmpty(expression)) return;
        if (ExpressionEvaluator.ParseError(expression) is { } error) _errors.Add(new DefinitionError(path, error));
    }

    private void CheckReachability()
    {
        var start = activities.OfType<StartActivity>().Single();
        var seen = new HashSet<string> { start.Id };
        var stack = new Stack<string>([start.Id]);
        while (stack.TryPop(out var id))
            foreach (var next in activities[_index[id]].Next.Values)
                if (seen.Add(next)) stack.Push(next);
        for (var i = 0; i < activities.Count; i++)
            if (!seen.Contains(activities[i].Id))
                _errors.Add(new DefinitionError($"activities[{i}]", $"'{activities[i].Id}' cannot be reached from the start"));
    }

    /// <summary>A loop made only of activities that never wait would spin forever within one transition.</summary>
    private void CheckLoopsWait()
    {
        var state = new Dictionary<string, int>();
        var path = new List<string>();
        foreach (var activity in activities.Where(a => !a.Blocks))
            if (Visit(activity.Id, state, path) is { } cycle)
            {
                _errors.Add(new DefinitionError("activities", $"cycle without a blocking activity: {string.Join(" → ", cycle)}"));
                return;
            }
    }

    private List<string>? Visit(string id, Dictionary<string, int> state, List<string> path)
    {
        if (state.TryGetValue(id, out var s))
            return s == 1 ? [.. path[path.IndexOf(id)..], id] : null;
        state[id] = 1;
        path.Add(id);
        foreach (var next in activities[_index[id]].Next.Values.Distinct())
            if (!activities[_index[next]].Blocks && Visit(next, state, path) is { } cycle)
                return cycle;
        path.RemoveAt(path.Count - 1);
        state[id] = 2;
        return null;
    }
}
