using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Workflow.Server.Notifications;
using Workflow.Server.Reminders;
using Workflow.Server.Storage;
using Workflow.Server.Tests.Support;
using Workflow.Federation.Reminders;

namespace Workflow.Server.Tests.Reminders;

/// <summary>Hangfire keeps its jobs in memory: a restart must lose no reminder and repeat none.</summary>
public abstract class RestartTests(Store store)
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(25);

    [Fact]
    public async Task ARestartInTheMiddle_DeliversEachReminderOnce_AndTheOneDueWhileDownArrivesLate()
    {
        await using var channels = new Channels();
        ServiceFactory stopped;
        Guid chair;
        string before, whileDown, dropped, after;
        var clock = new FakeTimeProvider(ServiceFactory.Start);
        var now = clock.GetUtcNow();
        await using (var first = channels.Configure(await store.NewServiceAsync(clock)))
        {
            first.KeepDataFolder = true;
            stopped = first;
            chair = await first.CreateChairAsync("chair-restart");
            await first.AddWebhookAsync(channels.Hooks.Url, userId: chair);
            var body = Guid.NewGuid();
            (before, whileDown, after) = (
                ReminderKeys.Rotation(body, 0, ReminderKeys.FirstDay, chair),
                ReminderKeys.Rotation(body, 1, ReminderKeys.Ahead, chair),
                ReminderKeys.Rotation(body, 1, ReminderKeys.FirstDay, chair));
            dropped = ReminderKeys.DutyGroup(body, 1, ReminderKeys.Ahead);
            await first.Planner().PlanAsync([
                ReminderTestExtensions.Reminder(before, chair, now.AddSeconds(1)),
                ReminderTestExtensions.Reminder(whileDown, chair, now.AddSeconds(3)),
                ReminderTestExtensions.Reminder(dropped, chair, now.AddSeconds(3), ReminderKind.DutyGroup),
                ReminderTestExtensions.Reminder(after, chair, now.AddSeconds(12)),
            ]);
            clock.Advance(TimeSpan.FromSeconds(1));
            var person = await first.SignInAsync("chair-restart");
            // Every channel has the first reminder before the stop: an e-mail cut off between the relay taking it and its answer is
            // sent again after the restart (SMTP has no idempotency key), which is not what this test is about.
            var contexts = first.Services.GetRequiredService<IDbContextFactory<ServiceDbContext>>();
            Assert.True(await Eventually.HoldsAsync(async () =>
            {
                await using var db = await contexts.CreateDbContextAsync();
                return (await person.InboxAsync()).Count == 1 && channels.Hooks.Received.Count == 1 && channels.Smtp.Received.Count == 1
                    && !await db.Deliveries.AnyAsync(d => d.State == DeliveryState.Pending);
            }, s_wait));
        }

        // Down past the second reminder's time by more than the late threshold (2 s).
        clock.Advance(TimeSpan.FromSeconds(7));
        await using var second = channels.Configure(stopped.Restart(clock));
        second.Settings["Reminders:LatePolicy:DutyGroup"] = "Drop";
        var again = await second.SignInAsync("chair-restart");
        clock.Advance(TimeSpan.FromSeconds(4));

        Assert.True(await Eventually.HoldsAsync(async () => (await again.InboxAsync()).Count == 3 && channels.Hooks.Received.Count == 3, s_wait),
            "the late reminder and the one after the restart arrive");
        await second.SettledAsync();
        // The late one and the next may go out in one sweep, in the same instant: each arrives once, in whichever order.
        var inbox = (await again.InboxAsync()).ToDictionary(n => (string)n["key"]!);
        string[] each = [.. new[] { before, whileDown, after }.Order(StringComparer.Ordinal)];
        Assert.Equal(each, inbox.Keys.Order(StringComparer.Ordinal));
        Assert.Equal([false, true, false], new[] { before, whileDown, after }.Select(key => (bool)inbox[key]["late"]!));
        Assert.StartsWith("【延迟送达】", (string?)inbox[whileDown]["subject"], StringComparison.Ordinal);
        Assert.Equal(each, channels.Smtp.Received.Select(m => m.Message.Headers["X-Workflow-Key"]!).Order(StringComparer.Ordinal));
        Assert.Equal(each, channels.Hooks.Received.Select(h => (string)JsonNode.Parse(h.Text)!["key"]!).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(dropped, inbox.Keys);
    }

    [Fact]
    public async Task AnEmailStillPendingAtShutdown_IsSentOnceAfterTheRestart()
    {
        await using var channels = new Channels();
        ServiceFactory stopped;
        var clock = new FakeTimeProvider(ServiceFactory.Start);
        await using (var first = channels.Configure(await store.NewServiceAsync(clock)))
        {
            // The relay is down: the first try fails and the next one waits past the shutdown.
            first.Settings["Smtp:Port"] = ClosedPort().ToString(System.Globalization.CultureInfo.InvariantCulture);
            first.Settings["Smtp:BackoffSeconds"] = "2";
            first.KeepDataFolder = true;
            stopped = first;
            var chair = await first.CreateChairAsync("chair-pending");
            await first.Planner().PlanAsync([ReminderTestExtensions.Reminder("test:pending:1", chair, clock.GetUtcNow())]);
            var contexts = first.Services.GetRequiredService<IDbContextFactory<ServiceDbContext>>();
            Assert.True(await Eventually.HoldsAsync(async () =>
            {
                await using var db = await contexts.CreateDbContextAsync();
                return await db.Deliveries.AnyAsync(d => d.Channel == DeliveryChannel.Email && d.Attempts == 1 && d.LastError != null);
            }, s_wait), "the first e-mail attempt fails");
        }

        await using var second = channels.Configure(stopped.Restart(clock));
        var person = await second.SignInAsync("chair-pending");

        Assert.True(await second.PassTimeUntilAsync(() => channels.Smtp.Received.Count == 1), "the pending e-mail goes out after the restart");
        await second.SettledAsync();
        Assert.Equal("test:pending:1", Assert.Single(channels.Smtp.Received).Message.Headers["X-Workflow-Key"]);
        Assert.Single(await person.InboxAsync());
    }

    private static int ClosedPort()
    {
        var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        var port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }
}

public sealed class RestartTestsOnSqlite() : RestartTests(Store.Sqlite);

public sealed class RestartTestsOnPostgreSql() : RestartTests(Store.PostgreSql);
