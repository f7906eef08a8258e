namespace Workflow.Engine.Tests.Support;

/// <summary>Answers to a handler name the host registers, so a definition that calls it can be loaded here.</summary>
public sealed class StandInAction(string name) : IActionHandler
{
    public string Name => name;

    public Task<ActionResult> ExecuteAsync(ActionContext context, CancellationToken cancellationToken) => Task.FromResult(ActionResult.Done());
}
