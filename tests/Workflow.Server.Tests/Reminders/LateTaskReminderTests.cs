using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Workflow.Engine;
using Workflow.Persistence.Storage;
using Workflow.Server.Accounts;
using Workflow.Server.Notifications;
using Workflow.Server.Reminders;
using Workflow.Server.Storage;
using Workflow.Server.Tests.Support;
using Workflow.Federation.Reminders;

namespace Workflow.Server.Tests.Reminders;

/// <summary>A task reminder that fell due while the service was down is late, like any other reminder, and keeps its planned time.</summary>
public abstract class LateTaskReminderTests(Store store)
{
    private const string Definition = """
        { "id": "late-task", "name": "逾期待办", "activities": [
            { "id": "start", "type": "start", "next": "confirm" },
            { "id": "confirm", "type": "userTask", "title": "确认备案", "assignee": { "role": "officer", "region": "input.regionCode" },
              "outcomes": ["done"], "due": "P2D", "remindBefore": ["P1D"], "next": { "done": "end" } },
            { "id": "end", "type": "end" } ] }
        """;

    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task ATaskReminderDueWhileTheServiceWasDown_IsDeliveredLate_WithItsPlannedDueTime()
    {
        var clock = new FakeTimeProvider(ServiceFactory.Start);
        var (stopped, officer, reminder) = await StartATaskThenStopAsync("officer-late", clock);
        clock.SetUtcNow(reminder.DueAt.AddHours(2));
        await using var restarted = stopped.Restart(clock);

        await restarted.FireTimerAsync(reminder);

        Assert.True(await Eventually.HoldsAsync(async () => (await InboxAsync(restarted, officer)).Count == 1, s_wait), "the late reminder arrives");
        var delivered = Assert.Single(await InboxAsync(restarted, officer));
        Assert.Equal((ReminderKind.TaskReminder, true, reminder.DueAt), (delivered.Kind, delivered.Late, delivered.DueAt));
        Assert.StartsWith("【延迟送达】待办提醒：确认备案", delivered.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ALateTaskReminder_IsDropped_WhenTheLatePolicyOfTaskRemindersSaysSo()
    {
        var clock = new FakeTimeProvider(ServiceFactory.Start);
        var (stopped, officer, reminder) = await StartATaskThenStopAsync("officer-dropped", clock);
        clock.SetUtcNow(reminder.DueAt.AddHours(2));
        await using var restarted = stopped.Restart(clock);
        restarted.Settings["Reminders:LatePolicy:TaskReminder"] = "Drop";

        await restarted.FireTimerAsync(reminder);

        var contexts = restarted.Services.GetRequiredService<IDbContextFactory<ServiceDbContext>>();
        Assert.True(await Eventually.HoldsAsync(async () =>
        {
            await using var db = await contexts.CreateDbContextAsync();
            return await db.Reminders.AnyAsync(r => r.Kind == ReminderKind.TaskReminder && r.Status == ReminderStatus.Dropped && r.DueAt == reminder.DueAt);
        }, s_wait), "the reminder is dropped at its planned time");
        Assert.Empty(await InboxAsync(restarted, officer));
    }

    /// <summary>Starts a task reminded a day before it is due, and stops the service before the reminder's time.</summary>
    private async Task<(ServiceFactory Stopped, Guid Officer, TimerRow Reminder)> StartATaskThenStopAsync(string officerName, FakeTimeProvider clock)
    {
        await using var first = await store.NewServiceAsync(clock);
        first.KeepDataFolder = true;
        var admin = await first.AdminAsync();
        (await admin.PostAsync("/api/definitions", new StringContent(Definition, Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
        var officerId = await first.CreateUserAsync(officerName, Roles.Officer, TestRegions.Town);
        var officer = await first.SignInAsync(officerName);
        var started = await officer.PostAsJsonAsync("/api/instances",
            new { definitionId = "late-task", input = new JsonObject { ["regionCode"] = TestRegions.Village } });
        var instance = Guid.Parse((string)(await started.ReadObjectAsync())["instanceId"]!);
        var reminder = await first.TimerAsync(instance, TimerPurpose.Reminder);
        Assert.Null(reminder.FiredAt);
        return (first, officerId, reminder);
    }

    private static async Task<IReadOnlyList<NotificationView>> InboxAsync(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> host, Guid officer) =>
        (await host.Services.GetRequiredService<NotificationInbox>()
            .ListAsync(new Caller(officer, "officer", [Roles.Officer], null, TestRegions.Town), unreadOnly: false, page: 1, pageSize: 50, CancellationToken.None)).Items;
}

public sealed class LateTaskReminderTestsOnSqlite() : LateTaskReminderTests(Store.Sqlite);

public sealed class LateTaskReminderTestsOnPostgreSql() : LateTaskReminderTests(Store.PostgreSql);
