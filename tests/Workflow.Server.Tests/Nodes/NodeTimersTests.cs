using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Engine;
using Workflow.Engine.Execution;
using Workflow.Engine.Journal;
using Workflow.Server.Jobs;
using Workflow.Server.Tests.Support;

namespace Workflow.Server.Tests.Nodes;

/// <summary>Timers and reminders on two nodes of one PostgreSQL database: each fires once across both, and either node alone carries on.</summary>
public sealed class NodeTimersTests
{
    [Fact]
    public async Task RemindersDueDuringTheRun_AreEachDeliveredOnce_AcrossBothNodes()
    {
        await using var channels = new Channels();
        await using var nodes = await TwoNodes.StartAsync(channels.Configure);
        var chair = await nodes.A.CreateChairAsync("chair-two-nodes");
        await nodes.A.AddWebhookAsync(channels.Hooks.Url, userId: chair);
        var now = nodes.A.Clock.GetUtcNow();
        var keys = Enumerable.Range(0, 40).Select(i => $"test:pg-nodes:{i:D2}").ToList();
        // Half planned through each node: both nodes' Hangfire servers share the job store and race for every job.
        await nodes.A.Planner().PlanAsync(keys.Take(20).Select((key, i) => ReminderTestExtensions.Reminder(key, chair, now.AddSeconds(1 + (i % 4)))));
        await nodes.B.Planner().PlanAsync(keys.Skip(20).Select((key, i) => ReminderTestExtensions.Reminder(key, chair, now.AddSeconds(1 + (i % 4)))));
        var person = await nodes.B.SignInAsync("chair-two-nodes");
        nodes.Advance(TimeSpan.FromSeconds(4));

        // 80 sends through two nodes' job servers polling one PostgreSQL: on a loaded 2-core CI machine this once took longer
        // than 30 s (the clock-ahead pass). Waiting longer weakens nothing: each is still checked to arrive exactly once.
        Assert.True(await Eventually.HoldsAsync(() => channels.Smtp.Received.Count >= 40 && channels.Hooks.Received.Count >= 40, TimeSpan.FromSeconds(90)),
            $"e-mails {channels.Smtp.Received.Count}/40, webhooks {channels.Hooks.Received.Count}/40");
        await channels.AssertEachDeliveredOnceAsync(nodes.A, nodes.B, person, keys);
    }

    [Fact]
    public async Task ANodeStoppedMidRun_LosesNothingItAcknowledged_AndTheOtherCarriesOnWithItsTimers()
    {
        await using var nodes = await TwoNodes.StartAsync();
        var scenario = await Scenario.CreateAsync(nodes.A);
        var started = new List<(Guid Instance, Guid Task)>();
        for (var i = 0; i < 6; i++) started.Add(await scenario.StartApprovalAsync());
        var decided = started.Take(3).Select(s => s.Instance).ToList();
        var open = started.Skip(3).Select(s => s.Instance).ToList();
        foreach (var (_, task) in started.Take(3))
            (await scenario.Approver.PostAsJsonAsync($"/api/tasks/{task}/decision", new { outcome = "approve", form = new { opinion = "同意" } })).EnsureSuccessStatusCode();

        await nodes.A.DisposeAsync();

        var statuses = await TwoNodes.EngineRowsAsync(nodes.B, db => db.Instances.AsNoTracking().ToDictionaryAsync(i => i.Id, i => i.Status));
        Assert.All(decided, id => Assert.Equal(InstanceStatus.Finished, statuses[id]));
        Assert.All(open, id => Assert.Equal(InstanceStatus.Blocked, statuses[id]));
        // The approval's first reminder is due three days before its due date (fifteen days on, moved off a day off to the
        // next working day): node B alone fires it, once per open task.
        var reminders = await TwoNodes.EngineRowsAsync(nodes.B, db => db.Timers.AsNoTracking().Where(t => open.Contains(t.InstanceId) && t.Purpose == TimerPurpose.Reminder)
            .Select(t => t.DueAt).ToListAsync());
        nodes.B.Clock.SetUtcNow(reminders.Min() + TimeSpan.FromMinutes(1));
        await nodes.B.Services.GetRequiredService<TimerSweep>().RunAsync(CancellationToken.None);

        Assert.True(await Eventually.HoldsAsync(async () => await FiredRemindersAsync(nodes.B, open) == 3, TimeSpan.FromSeconds(30)), "node B fires the reminders");
        var reminded = await TwoNodes.EngineRowsAsync(nodes.B, db => db.Journal.Where(j => j.Kind == JournalKind.Reminded).Select(j => j.InstanceId).ToListAsync());
        Assert.Equal(open.Order(), reminded.Order());
    }

    private static Task<int> FiredRemindersAsync(ServiceFactory node, List<Guid> instances) =>
        TwoNodes.EngineRowsAsync(node, db => db.Timers.CountAsync(t => instances.Contains(t.InstanceId) && t.Purpose == TimerPurpose.Reminder && t.FiredAt != null));
}
