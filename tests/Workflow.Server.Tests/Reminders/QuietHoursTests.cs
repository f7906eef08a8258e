using Workflow.Federation.Common;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Workflow.Server.Notifications;
using Workflow.Server.Reminders;
using Workflow.Server.Storage;
using Workflow.Server.Tests.Support;

namespace Workflow.Server.Tests.Reminders;

/// <summary>Quiet hours (China time, 21:00–08:00 unless the person chooses otherwise): e-mail and webhooks wait for the morning, marked held.</summary>
public abstract class QuietHoursTests(Store store)
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(20);

    /// <summary>22:00 China time on the day the test clock starts (it starts at 10:00 China time).</summary>
    private static DateTimeOffset TenAtNight => ChinaInstant.At(ChinaInstant.Of(ServiceFactory.Start).LocalDate, new TimeOnly(22, 0)).Utc;

    [Fact]
    public async Task AReminderDueAtNight_ReachesTheInbox_ButItsEmailAndWebhookWaitTill8_AcrossARestart_AndGoOutOnceMarkedHeld()
    {
        await using var channels = new Channels();
        var clock = new FakeTimeProvider(TenAtNight);
        ServiceFactory stopped;
        Guid chair;
        await using (var first = channels.Configure(await store.NewServiceAsync(clock)))
        {
            first.KeepDataFolder = true;
            stopped = first;
            chair = await first.CreateChairAsync("chair-night");
            await first.AddWebhookAsync(channels.Hooks.Url, userId: chair);
            var person = await first.SignInAsync("chair-night");
            await first.Planner().PlanAsync([ReminderTestExtensions.Reminder("test:night:1", chair, clock.GetUtcNow().AddSeconds(1))]);
            clock.Advance(TimeSpan.FromSeconds(1));

            Assert.True(await Eventually.HoldsAsync(async () => (await person.InboxAsync()).Count == 1, s_wait), "the inbox has it at once");
            clock.Advance(TimeSpan.FromHours(2));
            await first.SettledAsync(heldIsSettled: true);
            Assert.Empty(channels.Smtp.Received);
            Assert.Empty(channels.Hooks.Received);
            var contexts = first.Services.GetRequiredService<IDbContextFactory<ServiceDbContext>>();
            await using var db = await contexts.CreateDbContextAsync();
            var held = await db.Deliveries.AsNoTracking().Where(d => d.Key == "test:night:1" && d.Channel != DeliveryChannel.InApp).ToListAsync();
            Assert.Equal(2, held.Count);
            var eight = TenAtNight.AddHours(10);
            Assert.All(held, d => Assert.Equal((DeliveryState.Pending, eight), (d.State, d.LeaseUntil)));
        }

        // The service is down over part of the night and comes back before 8: still nothing, then both at 8, once each.
        clock.Advance(TimeSpan.FromHours(5));
        await using var second = channels.Configure(stopped.Restart(clock));
        await second.CreateClient().GetAsync("/health");
        await second.SettledAsync(heldIsSettled: true);
        Assert.Empty(channels.Smtp.Received);
        Assert.Empty(channels.Hooks.Received);

        clock.Advance(TimeSpan.FromHours(3) - TimeSpan.FromSeconds(1));
        Assert.True(await second.PassTimeUntilAsync(() => channels.Smtp.Received.Count == 1 && channels.Hooks.Received.Count == 1), "both go out after 8:00");
        Assert.True(clock.GetUtcNow() >= TenAtNight.AddHours(10), "not a second before 8:00");
        var sweep = second.Services.GetRequiredService<ReminderSweep>();
        await sweep.RunAsync(CancellationToken.None);
        await second.SettledAsync();

        var mail = Assert.Single(channels.Smtp.Received);
        Assert.StartsWith("【夜间暂存】", mail.Message.Subject, StringComparison.Ordinal);
        var hook = Assert.Single(channels.Hooks.Received);
        Assert.StartsWith("[Held overnight] ", (string?)JsonNode.Parse(hook.Text)!["subject"]!["en"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task QuietHoursOff_SendsAtNightAtOnce_WithoutTheHeldMark()
    {
        await using var channels = new Channels();
        await using var factory = channels.Configure(await store.NewServiceAsync(new FakeTimeProvider(TenAtNight)));
        var chair = await factory.CreateChairAsync("chair-owl");
        var person = await factory.SignInAsync("chair-owl");
        (await person.PutAsJsonAsync("/api/me/notification-settings", new { quietHours = false })).EnsureSuccessStatusCode();

        await factory.Planner().PlanAsync([ReminderTestExtensions.Reminder("test:owl:1", chair, factory.Clock.GetUtcNow())]);

        Assert.True(await Eventually.HoldsAsync(() => channels.Smtp.Received.Count == 1, s_wait), "the e-mail goes out at 22:00");
        Assert.DoesNotContain("夜间暂存", channels.Smtp.Received[0].Message.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheSettingsApi_ShowsTheDefaultWindow_TakesAnother_AndRefusesBadTimes()
    {
        await using var factory = await store.NewServiceAsync();
        await factory.CreateChairAsync("chair-quiet");
        var person = await factory.SignInAsync("chair-quiet");

        var shown = await (await person.GetAsync("/api/me/notification-settings")).ReadObjectAsync();
        Assert.Equal((true, "21:00", "08:00"), ((bool)shown["quietHours"]!, (string?)shown["quietFrom"], (string?)shown["quietUntil"]));

        var changed = await (await person.PutAsJsonAsync("/api/me/notification-settings", new { quietFrom = "22:30", quietUntil = "07:00" })).ReadObjectAsync();
        Assert.Equal((true, "22:30", "07:00"), ((bool)changed["quietHours"]!, (string?)changed["quietFrom"], (string?)changed["quietUntil"]));

        await (await person.PutAsJsonAsync("/api/me/notification-settings", new { quietFrom = "25:00" })).AssertProblemAsync(400, "validation");
        await (await person.PutAsJsonAsync("/api/me/notification-settings", new { quietUntil = "late" })).AssertProblemAsync(400, "validation");
        await (await person.PutAsJsonAsync("/api/me/notification-settings", new { quietFrom = "07:00", quietUntil = "07:00" })).AssertProblemAsync(400, "validation");
        var kept = await (await person.GetAsync("/api/me/notification-settings")).ReadObjectAsync();
        Assert.Equal(("22:30", "07:00"), ((string?)kept["quietFrom"], (string?)kept["quietUntil"]));
    }
}

public sealed class QuietHoursTestsOnSqlite() : QuietHoursTests(Store.Sqlite);

public sealed class QuietHoursTestsOnPostgreSql() : QuietHoursTests(Store.PostgreSql);
