using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Workflow.Federation.Common;
using Workflow.Federation.Reminders;
using Workflow.Server.Notifications;
using Workflow.Server.Reminders;
using Workflow.Server.Storage;
using Workflow.Server.Tests.Support;

namespace Workflow.Server.Tests.Reminders;

/// <summary>
/// The daily digest (08:30 China time): a person who reads a channel as a digest gets one message a day on it, with what is
/// due today, overdue and new, each linked; the reminders it carries are not sent by themselves; an urgent escalation is.
/// </summary>
public abstract class DigestTests(Store store)
{
    private const string Site = "https://fulian.example.cn/";
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(20);

    /// <summary>08:30 China time on the day after the test clock starts (it starts at 10:00 China time).</summary>
    private static DateTimeOffset NextDigest => ChinaInstant.At(ChinaInstant.Of(ServiceFactory.Start).LocalDate.AddDays(1), DigestOptions.DefaultAt).Utc;

    private static DateOnly DigestDay => ChinaInstant.Of(NextDigest).LocalDate;

    [Fact]
    public async Task TheDigest_GathersWhatIsDueTodayOverdueAndNew_WithLinks_AndTheRemindersItCarriesAreNotSentByThemselves()
    {
        await using var channels = new Channels();
        await using var factory = Configure(channels, await store.NewServiceAsync());
        var chair = await factory.CreateChairAsync("chair-digest");
        var person = await factory.SignInAsync("chair-digest");
        await ChooseAsync(person, new { emailMode = "digest" });
        var (body, task) = (Guid.NewGuid(), Guid.NewGuid());
        var now = factory.Clock.GetUtcNow();
        var rotation = ReminderKeys.Rotation(body, 0, ReminderKeys.FirstDay, chair);
        var laterToday = NextDigest.AddHours(6);
        await factory.Planner().PlanAsync([
            ReminderTestExtensions.Reminder(rotation, chair, now.AddSeconds(1)),
            ReminderTestExtensions.Reminder("test:digest:overdue", chair, now.AddSeconds(1), ReminderKind.TaskEscalation) with { Link = $"/api/tasks/{task}" },
            ReminderTestExtensions.Reminder("test:digest:today", chair, laterToday),
        ]);
        factory.Clock.Advance(TimeSpan.FromSeconds(1));

        Assert.True(await Eventually.HoldsAsync(async () => (await person.InboxAsync()).Count == 2, s_wait), "the inbox has each reminder");
        await factory.SettledAsync();
        Assert.Empty(channels.Smtp.Received);
        Assert.Equal(2, await CountAsync(factory, d => d.Channel == DeliveryChannel.Email && d.State == DeliveryState.Folded && d.DigestId == null));

        factory.Clock.Advance(NextDigest - factory.Clock.GetUtcNow());
        await factory.Services.GetRequiredService<DailyDigest>().RunDueAsync(CancellationToken.None);

        Assert.True(await Eventually.HoldsAsync(() => channels.Smtp.Received.Count == 1, s_wait), "the digest goes out");
        var mail = channels.Smtp.Received[0].Message;
        Assert.Equal(DailyDigest.Key(DigestDay, DeliveryChannel.Email), mail.Headers["X-Workflow-Key"]);
        Assert.Contains("今日到期 1 项，逾期 1 项，新增 1 项", mail.Subject, StringComparison.Ordinal);
        var text = mail.TextBody ?? "";
        Assert.Contains($"轮值提醒 test:digest:today  {Site}tasks", text, StringComparison.Ordinal);
        Assert.Contains($"{Site}tasks/{task}", text, StringComparison.Ordinal);
        Assert.Contains($"轮值提醒 {rotation}  {Site}bodies/{body}", text, StringComparison.Ordinal);
        Assert.True(text.IndexOf("已逾期", StringComparison.Ordinal) < text.IndexOf($"{Site}tasks/{task}", StringComparison.Ordinal));

        // Today's reminder falls due: the inbox has it, the digest already carried it, so no e-mail of its own.
        factory.Clock.Advance(laterToday - factory.Clock.GetUtcNow());
        person = await factory.SignInAsync("chair-digest");
        Assert.True(await factory.PassTimeUntilAsync(async () => (await person.InboxAsync()).Count == 3), "today's reminder reaches the inbox");
        await factory.Services.GetRequiredService<DailyDigest>().RunAsync(DigestDay, CancellationToken.None);
        await factory.SettledAsync();
        Assert.Single(channels.Smtp.Received);
    }

    [Fact]
    public async Task EachDigestAndOff_AreKeptPerChannel_AndAnEmptyDaySendsNothing()
    {
        await using var channels = new Channels();
        await using var factory = Configure(channels, await store.NewServiceAsync());
        var mixed = await factory.CreateChairAsync("chair-mixed");
        var hooked = await factory.CreateChairAsync("chair-hooked");
        var idle = await factory.CreateChairAsync("chair-idle");
        await factory.AddWebhookAsync(channels.Hooks.Url, userId: mixed);
        var hookedHook = await factory.AddWebhookAsync(channels.Hooks.Url, userId: hooked);
        await ChooseAsync(await factory.SignInAsync("chair-mixed"), new { emailMode = "digest", webhookMode = "each" });
        await ChooseAsync(await factory.SignInAsync("chair-hooked"), new { emailMode = "off", webhookMode = "digest" });
        await ChooseAsync(await factory.SignInAsync("chair-idle"), new { emailMode = "digest" });
        await factory.Planner().PlanAsync([ReminderTestExtensions.Reminder("test:modes:1", mixed, factory.Clock.GetUtcNow()) with
        {
            To = new ReminderAudience([mixed, hooked], []),
        }]);

        Assert.True(await Eventually.HoldsAsync(() => channels.Hooks.Received.Count == 1, s_wait), "the webhook read one by one has it at once");
        await factory.SettledAsync();
        Assert.Empty(channels.Smtp.Received);

        factory.Clock.Advance(NextDigest - factory.Clock.GetUtcNow());
        Assert.Equal(2, await factory.Services.GetRequiredService<DailyDigest>().RunDueAsync(CancellationToken.None));
        Assert.True(await Eventually.HoldsAsync(() => channels.Smtp.Received.Count == 1 && channels.Hooks.Received.Count == 2, s_wait), "one digest on each digest channel");
        await factory.SettledAsync();
        Assert.Equal(["chair-mixed@example.test"], channels.Smtp.Received.SelectMany(m => m.To));
        var digest = JsonNode.Parse(channels.Hooks.Received[1].Text)!;
        Assert.Equal(DailyDigest.HookKey(DigestDay, hookedHook), (string?)digest["key"]);
        Assert.Equal(hooked.ToString(), (string?)digest["recipients"]![0]!["userId"]);
        Assert.Contains("test:modes:1", (string?)digest["body"]!["zh"], StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(factory, d => d.RecipientId == idle && d.Key.StartsWith("digest:")));
    }

    [Fact]
    public async Task APersonWithTwoWebhooks_GetsTheDigestOnEach_ExactlyOnce()
    {
        await using var channels = new Channels();
        await using var factory = Configure(channels, await store.NewServiceAsync());
        var chair = await factory.CreateChairAsync("chair-two-hooks");
        var hooks = new[] { await factory.AddWebhookAsync(channels.Hooks.Url, userId: chair), await factory.AddWebhookAsync(channels.Hooks.Url, userId: chair) };
        await ChooseAsync(await factory.SignInAsync("chair-two-hooks"), new { emailMode = "off", webhookMode = "digest" });
        await factory.Planner().PlanAsync([ReminderTestExtensions.Reminder("test:two-hooks:1", chair, factory.Clock.GetUtcNow())]);
        Assert.True(await Eventually.HoldsAsync(async () => await CountAsync(factory, d => d.State == DeliveryState.Folded) == 1, s_wait), "folded once for the channel");

        factory.Clock.Advance(NextDigest - factory.Clock.GetUtcNow());
        var digests = factory.Services.GetRequiredService<DailyDigest>();
        Assert.Equal(2, await digests.RunDueAsync(CancellationToken.None));
        Assert.True(await Eventually.HoldsAsync(() => channels.Hooks.Received.Count == 2, s_wait), "one digest per webhook");
        Assert.Equal(0, await digests.RunAsync(DigestDay, CancellationToken.None));
        await factory.SettledAsync();

        Assert.Equal(hooks.Select(h => DailyDigest.HookKey(DigestDay, h)).Order(),
            channels.Hooks.Received.Select(r => (string?)JsonNode.Parse(r.Text)!["key"]).Order());
        Assert.All(channels.Hooks.Received, r => Assert.Contains("test:two-hooks:1", (string?)JsonNode.Parse(r.Text)!["body"]!["zh"], StringComparison.Ordinal));
        Assert.Equal(1, await CountAsync(factory, d => d.State == DeliveryState.Folded && d.DigestId != null));
    }

    [Fact]
    public async Task ADigestMissedWhileDown_GoesOutAfterTheRestart_AndOnlyOnce()
    {
        await using var channels = new Channels();
        var clock = new FakeTimeProvider(ServiceFactory.Start);
        ServiceFactory stopped;
        await using (var first = Configure(channels, await store.NewServiceAsync(clock)))
        {
            first.KeepDataFolder = true;
            stopped = first;
            var chair = await first.CreateChairAsync("chair-restart-digest");
            await ChooseAsync(await first.SignInAsync("chair-restart-digest"), new { emailMode = "digest" });
            await first.Planner().PlanAsync([ReminderTestExtensions.Reminder("test:restart-digest:1", chair, clock.GetUtcNow())]);
            Assert.True(await Eventually.HoldsAsync(async () => await CountAsync(first, d => d.State == DeliveryState.Folded) == 1, s_wait), "folded");
        }

        // Down over 08:30: the start-up catches up with the day's digest.
        clock.Advance(NextDigest.AddMinutes(30) - clock.GetUtcNow());
        await using (var second = Configure(channels, stopped.Restart(clock)))
        {
            second.KeepDataFolder = true;
            await second.CreateClient().GetAsync("/health");
            Assert.True(await Eventually.HoldsAsync(() => channels.Smtp.Received.Count == 1, s_wait), "the missed digest goes out after the restart");
            await second.SettledAsync();
        }

        await using var third = Configure(channels, stopped.Restart(clock));
        await third.CreateClient().GetAsync("/health");
        Assert.Equal(0, await third.Services.GetRequiredService<DailyDigest>().RunAsync(DigestDay, CancellationToken.None));
        await third.SettledAsync();
        Assert.Single(channels.Smtp.Received);
        Assert.Equal(1, await CountAsync(third, d => d.State == DeliveryState.Folded && d.DigestId != null));
    }

    [Fact]
    public async Task QuietHoursCoveringTheDigest_HoldItToTheirEnd()
    {
        await using var channels = new Channels();
        await using var factory = Configure(channels, await store.NewServiceAsync());
        var chair = await factory.CreateChairAsync("chair-late-riser");
        await ChooseAsync(await factory.SignInAsync("chair-late-riser"), new { emailMode = "digest", quietFrom = "21:00", quietUntil = "09:00" });
        await factory.Planner().PlanAsync([ReminderTestExtensions.Reminder("test:riser:1", chair, factory.Clock.GetUtcNow())]);
        Assert.True(await Eventually.HoldsAsync(async () => await CountAsync(factory, d => d.State == DeliveryState.Folded) == 1, s_wait), "folded");

        factory.Clock.Advance(NextDigest - factory.Clock.GetUtcNow());
        Assert.Equal(1, await factory.Services.GetRequiredService<DailyDigest>().RunDueAsync(CancellationToken.None));
        await factory.SettledAsync(heldIsSettled: true);
        Assert.Empty(channels.Smtp.Received);
        var nine = NextDigest.AddMinutes(30);
        Assert.Equal(1, await CountAsync(factory, d => d.Key.StartsWith("digest:") && d.State == DeliveryState.Pending && d.LeaseUntil == nine));

        factory.Clock.Advance(nine - factory.Clock.GetUtcNow() - TimeSpan.FromSeconds(1));
        Assert.True(await factory.PassTimeUntilAsync(() => channels.Smtp.Received.Count == 1), "the digest goes out when the quiet hours end");
        Assert.True(factory.Clock.GetUtcNow() >= nine, "not before 09:00");
    }

    [Fact]
    public async Task AnUrgentEscalation_GoesOutAtOnce_ThroughQuietHoursAndDigestMode()
    {
        await using var channels = new Channels();
        var tenAtNight = ChinaInstant.At(ChinaInstant.Of(ServiceFactory.Start).LocalDate, new TimeOnly(22, 0)).Utc;
        await using var factory = Configure(channels, await store.NewServiceAsync(new FakeTimeProvider(tenAtNight)));
        var chair = await factory.CreateChairAsync("chair-urgent");
        await factory.AddWebhookAsync(channels.Hooks.Url, userId: chair);
        await ChooseAsync(await factory.SignInAsync("chair-urgent"), new { emailMode = "digest", webhookMode = "each" });
        var now = factory.Clock.GetUtcNow();
        await factory.Planner().PlanAsync([
            ReminderTestExtensions.Reminder("test:urgent:1", chair, now, ReminderKind.TaskEscalation) with { Urgent = true },
            ReminderTestExtensions.Reminder("test:urgent:plain", chair, now, ReminderKind.TaskEscalation),
        ]);

        Assert.True(await Eventually.HoldsAsync(() => channels.Smtp.Received.Count == 1 && channels.Hooks.Received.Count == 1, s_wait),
            "the urgent escalation goes out at 22:00 on both channels");
        await factory.SettledAsync(heldIsSettled: true);
        Assert.Equal("test:urgent:1", channels.Smtp.Received.Single().Message.Headers["X-Workflow-Key"]);
        Assert.DoesNotContain("夜间暂存", channels.Smtp.Received[0].Message.Subject, StringComparison.Ordinal);
        Assert.Equal("test:urgent:1", (string?)JsonNode.Parse(channels.Hooks.Received.Single().Text)!["key"]);
        Assert.Equal(1, await CountAsync(factory, d => d.Key == "test:urgent:plain" && d.State == DeliveryState.Folded));
    }

    [Fact]
    public async Task TheSettingsApi_ShowsEachByDefault_TakesDigestAndOff_AndRefusesABadMode()
    {
        await using var factory = await store.NewServiceAsync();
        await factory.CreateChairAsync("chair-modes");
        var person = await factory.SignInAsync("chair-modes");

        var shown = await (await person.GetAsync("/api/me/notification-settings")).ReadObjectAsync();
        Assert.Equal(("each", "each", "off", "08:30"), ((string?)shown["emailMode"], (string?)shown["webhookMode"], (string?)shown["smsMode"], (string?)shown["digestAt"]));

        var changed = await ChooseAsync(person, new { emailMode = "digest", webhookMode = "off" });
        Assert.Equal(("digest", true, "off", false), ((string?)changed["emailMode"], (bool)changed["email"]!, (string?)changed["webhookMode"], (bool)changed["webhook"]!));
        var off = await ChooseAsync(person, new { email = false });
        Assert.Equal("off", (string?)off["emailMode"]);
        var back = await ChooseAsync(person, new { email = true });
        Assert.Equal("digest", (string?)back["emailMode"]);

        await (await person.PutAsJsonAsync("/api/me/notification-settings", new { emailMode = "weekly" })).AssertProblemAsync(400, "validation");
        await (await person.PutAsJsonAsync("/api/me/notification-settings", new { smsMode = "1" })).AssertProblemAsync(400, "validation");
        Assert.Equal("digest", (string?)(await (await person.GetAsync("/api/me/notification-settings")).ReadObjectAsync())["emailMode"]);
    }

    private static ServiceFactory Configure(Channels channels, ServiceFactory factory)
    {
        channels.Configure(factory);
        factory.Settings["Robots:SiteUrl"] = Site;
        return factory;
    }

    private static async Task<JsonObject> ChooseAsync(HttpClient person, object change)
    {
        var response = await person.PutAsJsonAsync("/api/me/notification-settings", change);
        var body = await response.ReadObjectAsync();
        Assert.True(response.IsSuccessStatusCode, body.ToJsonString());
        return body;
    }

    private static async Task<int> CountAsync(ServiceFactory factory, System.Linq.Expressions.Expression<Func<DeliveryRow, bool>> where)
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<ServiceDbContext>>().CreateDbContextAsync();
        return await db.Deliveries.CountAsync(where);
    }
}

public sealed class DigestTestsOnSqlite() : DigestTests(Store.Sqlite);

public sealed class DigestTestsOnPostgreSql() : DigestTests(Store.PostgreSql);
