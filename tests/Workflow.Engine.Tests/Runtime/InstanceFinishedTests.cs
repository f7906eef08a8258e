using System.Text.Json.Nodes;
using Workflow.Engine.Execution;
using Workflow.Engine.Tests.Support;

namespace Workflow.Engine.Tests.Runtime;

/// <summary>The runtime tells its observers of every instance that reaches an end, once, after the transition has committed.</summary>
public sealed class InstanceFinishedTests : IAsyncLifetime
{
    private EngineHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await EngineHost.StartAsync();
        await _host.PublishSampleAsync("approval.json");
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task AnInstanceThatEnds_IsHeardOnce_WithItsDefinitionAndResult_AfterCommit()
    {
        var started = await _host.StartAsync("approval", new JsonObject { ["regionCode"] = "370102" });
        Assert.Empty(_host.Finished.Heard);

        await _host.DecideAsync(started.NewBookmarks[0].Id, "approve");

        var (finished, statusRead) = Assert.Single(_host.Finished.Heard);
        Assert.Equal((started.InstanceId, "approval", "approved"), (finished.InstanceId, finished.DefinitionId, finished.Result));
        Assert.Equal(InstanceStatus.Finished, statusRead);
    }

    [Fact]
    public async Task AFailingObserver_LeavesTheTransitionStanding()
    {
        _host.Finished.Fail = true;
        var started = await _host.StartAsync("approval", new JsonObject { ["regionCode"] = "370102" });

        var done = await _host.DecideAsync(started.NewBookmarks[0].Id, "approve");

        Assert.Equal((InstanceStatus.Finished, "approved"), (done.Status, done.Result));
        Assert.Equal(InstanceStatus.Finished, (await _host.Instances.GetAsync(started.InstanceId)).Status);
        Assert.Single(_host.Finished.Heard);
    }
}
