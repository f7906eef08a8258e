using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Workflow.Engine;
using Workflow.Engine.Execution;
using Workflow.Persistence.Definitions;
using Workflow.Persistence.Runtime;
using Workflow.Server.Tests.Support;

namespace Workflow.Server.Tests.Engine;

/// <summary>A release that takes away what a stored version needs stops at start-up, naming the version, instead of failing its instances one by one later.</summary>
public sealed class StoredVersionsTests
{
    private const string Definition = """
        { "id": "stamped", "name": "盖章", "activities": [
            { "id": "start", "type": "start", "next": "stamp" },
            { "id": "stamp", "type": "action", "handler": "test.stamp", "next": "confirm" },
            { "id": "confirm", "type": "userTask", "title": "确认", "assignee": { "role": "officer", "region": "input.regionCode" },
              "outcomes": ["done"], "next": { "done": "end" } },
            { "id": "end", "type": "end" } ] }
        """;

    [Fact]
    public async Task AVersionWhoseHandlerIsGone_StopsTheStart_NamingItAndItsInstances()
    {
        var folder = await RunTwoInstancesWithTheHandlerAsync();
        await using var restart = ServiceFactory.On(folder);

        var refused = Record.Exception(() => restart.Services);

        Assert.NotNull(refused);
        Assert.Contains("'stamped' v1 (2 unfinished instances, the latest version): activities[1].handler: no action handler registered as 'test.stamp'",
            refused.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AVersionWhoseHandlerIsGone_IsLoggedAndStarts_WhenTheSwitchSaysGoOn()
    {
        var folder = await RunTwoInstancesWithTheHandlerAsync();
        await using var restart = ServiceFactory.On(folder);
        restart.Settings["Definitions:StartWithBrokenVersions"] = "true";
        var logs = new LogRecorder();

        var started = restart.WithLogs(logs);

        Assert.NotNull(started.Services.GetRequiredService<WorkflowRuntime>());
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Error && e.Message.Contains("'stamped' v1 (2 unfinished instances", StringComparison.Ordinal));
    }

    /// <summary>Publishes a definition calling a handler only this start has, starts two instances of it, and stops.</summary>
    private static async Task<string> RunTwoInstancesWithTheHandlerAsync()
    {
        await using var first = new ServiceFactory { KeepDataFolder = true };
        var withHandler = first.WithActionHandler(new StampAction());
        await withHandler.Services.GetRequiredService<DefinitionStore>().PublishAsync(Definition, "test", "admin");
        var runtime = withHandler.Services.GetRequiredService<WorkflowRuntime>();
        for (var i = 0; i < 2; i++)
        {
            var started = await runtime.StartAsync("stamped", new JsonObject { ["regionCode"] = TestRegions.Village }, correlationId: null, "officer");
            Assert.Equal(InstanceStatus.Blocked, started.Status);
        }
        return first.DataFolder;
    }

    private sealed class StampAction : IActionHandler
    {
        public string Name => "test.stamp";

        public Task<ActionResult> ExecuteAsync(ActionContext context, CancellationToken cancellationToken) => Task.FromResult(ActionResult.Done());
    }
}
