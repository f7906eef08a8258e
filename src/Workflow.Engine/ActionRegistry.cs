using System.Text.Json.Nodes;

namespace Workflow.Engine;

/// <summary>A C# step a definition calls by name through an <c>action</c> activity. It runs inside the transition's transaction: throwing rolls the whole transition back.</summary>
public interface IActionHandler
{
    string Name { get; }

    Task<ActionResult> ExecuteAsync(ActionContext context, CancellationToken cancellationToken);
}

public sealed record ActionContext(Guid InstanceId, string ActivityId, JsonObject Variables, JsonObject? Settings, string Actor, DateTimeOffset Now);

/// <summary>The outcome picks the next activity; <paramref name="Variables"/> are merged into the instance's variables.</summary>
public sealed record ActionResult(string Outcome, JsonObject? Variables = null)
{
    public static ActionResult Done(JsonObject? variables = null) => new(Definitions.ActivityDefinition.Done, variables);
}

public sealed class ActionRegistry
{
    private readonly Dictionary<string, IActionHandler> _handlers;

    public ActionRegistry(IEnumerable<IActionHandler> handlers)
    {
        _handlers = new(StringComparer.Ordinal);
        foreach (var handler in handlers)
            if (!_handlers.TryAdd(handler.Name, handler))
                throw new InvalidOperationException($"two action handlers are registered as '{handler.Name}'");
    }

    public bool Contains(string name) => _handlers.ContainsKey(name);

    public IActionHandler Get(string name) =>
        _handlers.TryGetValue(name, out var handler) ? handler : throw new InvalidOperationException($"no action handler registered as '{name}'");
}
