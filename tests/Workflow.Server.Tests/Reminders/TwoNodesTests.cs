using Microsoft.Extensions.DependencyInjection;
using Workflow.Server.Reminders;
using Workflow.Server.Tests.Support;

namespace Workflow.Server.Tests.Reminders;

/// <summary>Two service nodes on one database, each with its own Hangfire and its own jobs for the same reminders.</summary>
public sealed class TwoNodesTests
{
    [Fact]
    public async Task TwoNodesOnOneDatabase_DeliverEachReminderOnce()
    {
        await using var channels = new Channels();
        await using var nodeA = channels.Configure(new ServiceFactory());
        nodeA.KeepDataFolder = true;
        var chair = await nodeA.CreateChairAsync("chair-nodes");
        await nodeA.AddWebhookAsync(channels.Hooks.Url, userId: chair);
        var now = nodeA.Clock.GetUtcNow();
        var keys = Enumerable.Range(0, 40).Select(i => $"test:nodes:{i:D2}").ToList();
        await nodeA.Planner().PlanAsync(keys.Select((key, i) => ReminderTestExtensions.Reminder(key, chair, now.AddSeconds(1 + (i % 4)))));

        // Node B starts on the same folder and clock and rebuilds jobs for the same reminders from the database.
        await using var nodeB = channels.Configure(ServiceFactory.On(nodeA.DataFolder, nodeA.Clock));
        var person = await nodeB.SignInAsync("chair-nodes");
        Assert.NotNull(nodeB.Services.GetRequiredService<ReminderScheduler>().LastRebuild);
        nodeA.Clock.Advance(TimeSpan.FromSeconds(4));

        Assert.True(await Eventually.HoldsAsync(() => channels.Smtp.Received.Count >= 40 && channels.Hooks.Received.Count >= 40, TimeSpan.FromSeconds(30)));
        await channels.AssertEachDeliveredOnceAsync(nodeA, nodeB, person, keys);
    }
}
