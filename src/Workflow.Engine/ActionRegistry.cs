using System.Text.Json.Nodes;

namespace Workflow.Engine;

/// <summary>A C# step a definition calls by name through an <c>action</c> activity. It runs inside the transition's transaction: throwing rolls the whole transition back.</summary>
public interface IActionHandler
{
    string Name { get; }

    Task<ActionResult> ExecuteAsync(ActionContext context, CancellationToken cancellationToken);
}

/// <param name="UnitOfWork">The transaction the transition is written in. A handler that writes rows of its own writes them through it, so they
/// commit or roll back with the step; what it is depends on the store (the engine knows no storage), and the store's package says how to use it.</param>
public sealed record ActionContext(Guid InstanceId, string ActivityId, JsonObject Variables, JsonObject? Settings, string Actor, DateTimeOffset Now, IActionUnitOfWork UnitOfWork);

/// <summary>
/// The unit of work the runtime hands an action handler: the open transaction of the transition. The engine only passes it on;
/// the store that opened it implements it (Workflow.Persistence's <c>TransitionUnitOfWork</c>) and offers the handler its connection.
/// </summary>
public interface IActionUnitOfWork
{
    /// <summary>Names the store, for messages: <c>sqlite</c>, <c>postgresql</c>, or <c>none</c>.</summary>
    string Store { get; }
}

/// <summary>Units of work the engine itself hands out.</summary>
public static class ActionUnitOfWork
{
    /// <summary>No transaction: reminders and cancellations run no action, and a bare executor has no store.</summary>
    public static IActionUnitOfWork None { get; } = new NoUnitOfWork();

    private sealed class NoUnitOfWork : IActionUnitOfWork
    {
        public string Store => "none";
    }
}

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
