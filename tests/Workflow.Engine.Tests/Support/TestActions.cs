using System.Text.Json.Nodes;

namespace Workflow.Engine.Tests.Support;

/// <summary>A domain action whose failure the test switches on and off, as a broken registry service would.</summary>
public sealed class SwitchableAction : IActionHandler
{
    public string Name => "test.register";

    public bool Broken { get; set; }

    public int Calls { get; private set; }

    public Task<ActionResult> ExecuteAsync(ActionContext context, CancellationToken cancellationToken)
    {
        Calls++;
        if (Broken) throw new InvalidOperationException("registry unavailable");
        return Task.FromResult(ActionResult.Done(new JsonObject { ["registrationNo"] = $"REG-{Calls:D4}" }));
    }
}
