using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Engine.Execution;
using Workflow.Persistence.Instances;
using Workflow.Server.Tests.Support;
using Workflow.Federation.FollowUps;

namespace Workflow.Server.Tests.FollowUps;

/// <summary>The workflows a schedule starts follow it: started once per key, withdrawn when no longer wanted, kept when their moment has passed.</summary>
public sealed class FollowUpsTests(ServiceFactory factory) : IClassFixture<ServiceFactory>
{
    private static JsonObject Handover(string at) => new()
    {
        ["bodyId"] = Guid.NewGuid().ToString(), ["bodyName"] = "测试妇联", ["regionCode"] = TestRegions.Village,
        ["outgoingUserId"] = Guid.NewGuid().ToString(), ["incomingUserId"] = Guid.NewGuid().ToString(), ["period"] = 2, ["handoverAt"] = at,
    };

    [Fact]
    public async Task AKeyIsStartedOnce_KeptWhilePast_WithdrawnWhenUnwanted_AndStartedAfreshWhenWantedAgain()
    {
        _ = factory.Server;
        var followUps = factory.Services.GetRequiredService<FollowUpService>();
        var instances = factory.Services.GetRequiredService<InstanceQueries>();
        var subject = Guid.NewGuid();
        const string key = "handover:002:20270301:a:b";
        var input = Handover("2027-03-01T09:00:00+08:00");

        var first = await followUps.SyncAsync(subject, "handover:", "rotation-handover", new Dictionary<string, JsonObject?> { [key] = input }, "test", "plan", CancellationToken.None);
        var twice = await followUps.SyncAsync(subject, "handover:", "rotation-handover", new Dictionary<string, JsonObject?> { [key] = input }, "test", "plan", CancellationToken.None);
        var past = await followUps.SyncAsync(subject, "handover:", "rotation-handover", new Dictionary<string, JsonObject?> { [key] = null }, "test", "swap", CancellationToken.None);

        Assert.Equal((1, 0, 0), (first.Started, first.Cancelled, first.Kept));
        Assert.Equal((0, 0, 1), (twice.Started, twice.Cancelled, twice.Kept));
        Assert.Equal((0, 0, 1), (past.Started, past.Cancelled, past.Kept));
        var original = Assert.Single(await factory.FollowUpsAsync(subject, "handover:")).InstanceId;
        Assert.Equal(InstanceStatus.Blocked, (await instances.GetAsync(original)).Status);

        var unwanted = await followUps.SyncAsync(subject, "handover:", "rotation-handover", new Dictionary<string, JsonObject?>(), "test", "swap", CancellationToken.None);
        Assert.Equal(1, unwanted.Cancelled);
        Assert.Equal(InstanceStatus.Cancelled, (await instances.GetAsync(original)).Status);

        var again = await followUps.SyncAsync(subject, "handover:", "rotation-handover", new Dictionary<string, JsonObject?> { [key] = input }, "test", "swap back", CancellationToken.None);
        Assert.Equal(1, again.Started);
        var fresh = Assert.Single(await factory.FollowUpsAsync(subject, "handover:")).InstanceId;
        Assert.NotEqual(original, fresh);
        Assert.Equal(InstanceStatus.Blocked, (await instances.GetAsync(fresh)).Status);
    }

    [Fact]
    public async Task TwoNodesEnsuringOneKeyAtOnce_LeaveOneRunningInstance()
    {
        _ = factory.Server;
        var followUps = factory.Services.GetRequiredService<FollowUpService>();
        var instances = factory.Services.GetRequiredService<InstanceQueries>();
        var subject = Guid.NewGuid();

        var ids = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            followUps.EnsureAsync(subject, "re-election:2031-12-01", "rotation-handover", Handover("2031-06-01T09:00:00+08:00"), "test", CancellationToken.None)));

        var row = Assert.Single(await factory.FollowUpsAsync(subject, "re-election:"));
        Assert.All(ids, id => Assert.Equal(row.InstanceId, id));
        var running = new List<Guid>();
        foreach (var id in (await instances.FindByCorrelationAsync($"{subject:N}/re-election:2031-12-01")))
            if ((await instances.GetAsync(id)).Status != InstanceStatus.Cancelled) running.Add(id);
        Assert.Equal([row.InstanceId], running);
    }
}
