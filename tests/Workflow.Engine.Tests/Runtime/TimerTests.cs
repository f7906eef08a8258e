using System.Text.Json.Nodes;
using Workflow.Engine.Execution;
using Workflow.Engine.Journal;
using Workflow.Engine.Tests.Support;
using static Workflow.Engine.Tests.Support.Definitions;
using Workflow.Persistence.Storage;

namespace Workflow.Engine.Tests.Runtime;

public abstract class TimerTests(StorageProvider provider) : IAsyncLifetime
{
    private EngineHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await EngineHost.StartAsync(provider);
        await _host.PublishSampleAsync("approval.json");
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task DelayTimer_WaitsThenGoesOn()
    {
        await _host.PublishAsync(Flow("wait", Start("pause"), Timer("pause", "delay", "PT2H", "done"), End("done")));
        var started = await _host.StartAsync("wait");

        _host.Clock.Advance(TimeSpan.FromHours(1));
        await _host.FireDueTimersAsync();
        Assert.Equal(InstanceStatus.Blocked, (await _host.Instances.GetAsync(started.InstanceId)).Status);

        _host.Clock.Advance(TimeSpan.FromHours(1));
        await _host.FireDueTimersAsync();
        Assert.Equal(InstanceStatus.Finished, (await _host.Instances.GetAsync(started.InstanceId)).Status);
    }

    [Fact]
    public async Task CronTimer_FiresAtLocalChinaTime()
    {
        // 09:00 in Shanghai is 01:00 UTC; "30 9 * * *" means 09:30 local, 01:30 UTC the same day.
        await _host.PublishAsync(Flow("cron", Start("meeting"), Timer("meeting", "cron", "30 9 * * *", "done"), End("done")));

        var started = await _host.StartAsync("cron");

        Assert.Equal(new DateTimeOffset(2026, 11, 23, 1, 30, 0, TimeSpan.Zero), Assert.Single(started.NewBookmarks).DueAt);
    }

    [Fact]
    public async Task AbsoluteTimer_UsesTheOffsetWritten()
    {
        await _host.PublishAsync(Flow("at", Start("w"), Timer("w", "at", "2027-01-01T09:30:00+08:00", "done"), End("done")));

        var started = await _host.StartAsync("at");

        Assert.Equal(new DateTimeOffset(2027, 1, 1, 1, 30, 0, TimeSpan.Zero), Assert.Single(started.NewBookmarks).DueAt);
    }

    [Fact]
    public async Task TimerFiredTwice_GoesOnOnce()
    {
        await _host.PublishAsync(Flow("wait", Start("pause"), Timer("pause", "delay", "PT1H", "done"), End("done")));
        var started = await _host.StartAsync("wait");
        var key = Assert.Single(_host.Scheduler.Pending).Key;
        _host.Clock.Advance(TimeSpan.FromHours(1));

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => _host.Runtime.FireTimerAsync(key)));
        await _host.Runtime.FireTimerAsync(key);

        var journal = await _host.Instances.JournalAsync(started.InstanceId);
        Assert.Single(journal, j => j.Kind == JournalKind.TimerFired);
    }

    [Fact]
    public async Task UserTask_IsRemindedBeforeItsDueDate_AndEscalatedAfter()
    {
        var started = await _host.StartAsync("approval", new() { ["regionCode"] = "370102" });
        var due = started.NewBookmarks[0].DueAt!.Value;

        Assert.Equal([due.AddDays(-3), due.AddDays(-1), due.AddDays(1)], _host.Scheduler.Pending.Select(t => t.DueAt));
        _host.Clock.Set(due.AddDays(2));
        await _host.FireDueTimersAsync();

        Assert.Equal(["reminder", "reminder", "escalation"], _host.Notifications.Sent.Select(n => n.Kind));
        var escalation = _host.Notifications.Sent.Last();
        Assert.Equal(("approver", "superiorFederation", "370102"), (escalation.To.Role, escalation.To.ApproverKind, escalation.To.RegionCode));
        Assert.StartsWith("已逾期：审批组建申请", escalation.Subject);
        var journal = await _host.Instances.JournalAsync(started.InstanceId);
        Assert.Equal(2, journal.Count(j => j.Kind == JournalKind.Reminded));
        Assert.Single(journal, j => j.Kind == JournalKind.Escalated);
    }

    [Fact]
    public async Task AReminderFiredLate_KeepsItsPlannedDueTime_InTheNotificationAndTheJournal()
    {
        var started = await _host.StartAsync("approval", new() { ["regionCode"] = "370102" });
        var planned = _host.Scheduler.Pending.First(t => t.Purpose == TimerPurpose.Reminder);
        // The service was down when the reminder fell due, and its timer fires two hours late.
        _host.Clock.Set(planned.DueAt.AddHours(2));

        await _host.Runtime.FireTimerAsync(planned.Key);

        var reminder = Assert.Single(_host.Notifications.Sent);
        Assert.Equal((planned.DueAt, _host.Clock.GetUtcNow()), (reminder.DueAt, reminder.CreatedAt));
        var row = Assert.Single(await _host.Instances.JournalAsync(started.InstanceId), j => j.Kind == JournalKind.Reminded);
        Assert.Equal(planned.DueAt, DateTimeOffset.Parse((string)JsonNode.Parse(row.Data!)!["dueAt"]!, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task ANotifyMessage_HasNoPlannedDueTime()
    {
        await _host.PublishAsync(Flow("tell", Start("tell"), new JsonObject
        {
            ["id"] = "tell", ["type"] = "notify", ["to"] = new JsonObject { ["role"] = "officer", ["region"] = "'370102'" },
            ["subject"] = "通知", ["body"] = "正文", ["next"] = "done",
        }, End("done")));

        await _host.StartAsync("tell");

        Assert.Null(Assert.Single(_host.Notifications.Sent).DueAt);
    }

    [Fact]
    public async Task DecidingATask_CancelsItsReminders()
    {
        var started = await _host.StartAsync("approval", new() { ["regionCode"] = "370102" });

        await _host.DecideAsync(started.NewBookmarks[0].Id, "approve");

        Assert.Empty(_host.Scheduler.Pending);
    }

    [Fact]
    public async Task Recovery_HandsEveryUnfiredTimerToTheSchedulerAgain()
    {
        await _host.StartAsync("approval", new() { ["regionCode"] = "370102" });
        await _host.StartAsync("approval", new() { ["regionCode"] = "370103" });
        var before = _host.Scheduler.Pending.Select(t => t.Key).Order().ToList();
        foreach (var key in before) _host.Scheduler.Forget(key);

        var report = await _host.Runtime.RecoverAsync();

        Assert.Equal(6, report.TimersRescheduled);
        Assert.Equal(before, _host.Scheduler.Pending.Select(t => t.Key).Order());
    }
}

public sealed class TimerTestsOnSqlite() : TimerTests(StorageProvider.Sqlite);

public sealed class TimerTestsOnPostgreSql() : TimerTests(StorageProvider.PostgreSql);
