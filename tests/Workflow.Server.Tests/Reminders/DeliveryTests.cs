using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Server.Reminders;
using Workflow.Server.Tests.Support;
using Workflow.Federation.Reminders;

namespace Workflow.Server.Tests.Reminders;

/// <summary>A planned reminder reaches the in-app inbox, a real SMTP server and a real webhook receiver, once each.</summary>
public abstract class DeliveryTests(Store store)
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task APlannedReminder_ReachesInboxEmailAndWebhookExactlyOnce_EvenWhenSweptAgain()
    {
        await using var channels = new Channels();
        await using var factory = channels.Configure(await store.NewServiceAsync());
        var chair = await factory.CreateChairAsync("chair-deliver");
        await factory.AddWebhookAsync(channels.Hooks.Url, userId: chair);
        var person = await factory.SignInAsync("chair-deliver");
        var key = ReminderKeys.Rotation(Guid.NewGuid(), 0, ReminderKeys.Ahead, chair);
        var due = factory.Clock.GetUtcNow().AddSeconds(2);

        var first = await factory.Planner().PlanAsync([ReminderTestExtensions.Reminder(key, chair, due)]);
        var again = await factory.Planner().PlanAsync([ReminderTestExtensions.Reminder(key, chair, due)]);
        factory.Clock.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal((1, 0), (first.Added, first.Unchanged));
        Assert.Equal((0, 1), (again.Added, again.Unchanged));
        Assert.True(await Eventually.HoldsAsync(() => channels.Smtp.Received.Count == 1 && channels.Hooks.Received.Count == 1, s_wait), "e-mail and webhook arrive");
        // A Hangfire double execution, and a retry: two more sweeps at once deliver nothing more.
        var sweep = factory.Services.GetRequiredService<ReminderSweep>();
        await Task.WhenAll(sweep.RunAsync(CancellationToken.None), sweep.RunAsync(CancellationToken.None));
        await factory.SettledAsync();

        var inbox = await person.InboxAsync();
        var notification = Assert.Single(inbox);
        Assert.Equal(key, (string?)notification["key"]);
        Assert.Equal($"轮值提醒 {key}", (string?)notification["subject"]);
        Assert.False((bool)notification["late"]!);
        // Never before its time, and on the service clock not a tick after it: the job waited for the due time itself.
        Assert.Equal(due, (DateTimeOffset)notification["dueAt"]!);
        Assert.Equal(due, (DateTimeOffset)notification["createdAt"]!);
        var mail = Assert.Single(channels.Smtp.Received);
        Assert.Equal(["chair-deliver@example.test"], mail.To);
        Assert.Equal($"轮值提醒 {key}", mail.Message.Subject);
        Assert.Equal(key, mail.Message.Headers["X-Workflow-Key"]);
        var hook = Assert.Single(channels.Hooks.Received);
        Assert.True(hook.SignatureIsValid(Channels.Secret), "the HMAC of the body matches X-Workflow-Signature");
        var payload = JsonNode.Parse(hook.Text)!;
        Assert.Equal(key, (string?)payload["key"]);
        Assert.Equal(hook.DeliveryId, (string?)payload["deliveryId"]);
        Assert.Equal("请做好交接。", (string?)payload["body"]!["zh"]);
    }

    [Fact]
    public async Task APersonWithTwoWebhooks_HearsEachReminderOnBoth_OnceEach()
    {
        await using var channels = new Channels();
        await using var factory = channels.Configure(await store.NewServiceAsync());
        var chair = await factory.CreateChairAsync("chair-two-webhooks");
        var hooks = new[] { await factory.AddWebhookAsync(channels.Hooks.Url, userId: chair), await factory.AddWebhookAsync(channels.Hooks.Url, userId: chair) };
        var key = ReminderKeys.Rotation(Guid.NewGuid(), 0, ReminderKeys.Ahead, chair);

        await factory.Planner().PlanAsync([ReminderTestExtensions.Reminder(key, chair, factory.Clock.GetUtcNow())]);
        Assert.True(await Eventually.HoldsAsync(() => channels.Hooks.Received.Count == 2, s_wait), "each webhook hears it");
        var sweep = factory.Services.GetRequiredService<ReminderSweep>();
        await Task.WhenAll(sweep.RunAsync(CancellationToken.None), sweep.RunAsync(CancellationToken.None));
        await factory.SettledAsync();

        Assert.Equal(2, channels.Hooks.Received.Count);
        Assert.Equal(2, channels.Hooks.Received.Select(h => h.DeliveryId).Distinct().Count());
        Assert.All(channels.Hooks.Received, h => Assert.Equal(key, (string?)JsonNode.Parse(h.Text)!["key"]));
        var progress = Assert.Single(await factory.Planner().ReadAsync(key));
        Assert.Equal(hooks.Order(), progress.Deliveries.Where(d => d.Channel == "webhook").Select(d => d.RecipientId).Order());
    }

    [Fact]
    public async Task TheInbox_CountsUnread_AndMarksOneOrAllRead()
    {
        await using var factory = await store.NewServiceAsync();
        var chair = await factory.CreateChairAsync("chair-inbox");
        var person = await factory.SignInAsync("chair-inbox");
        var now = factory.Clock.GetUtcNow();
        await factory.Planner().PlanAsync(Enumerable.Range(0, 3).Select(i => ReminderTestExtensions.Reminder($"test:inbox:{i}", chair, now)));
        Assert.True(await Eventually.HoldsAsync(async () => (await person.InboxAsync()).Count == 3, s_wait));

        Assert.Equal(3, (int)(await (await person.GetAsync("/api/notifications/unread-count")).ReadObjectAsync())["unread"]!);
        var one = (await person.InboxAsync())[0]["id"]!.ToString();
        Assert.Equal(HttpStatusCode.NoContent, (await person.PostAsync($"/api/notifications/{one}/read", null)).StatusCode);
        Assert.Equal(2, (int)(await (await person.GetAsync("/api/notifications/unread-count")).ReadObjectAsync())["unread"]!);
        Assert.Equal(2, (int)(await (await person.PostAsync("/api/notifications/read-all", null)).ReadObjectAsync())["marked"]!);
        var page = await (await person.GetAsync("/api/notifications?unreadOnly=true")).ReadObjectAsync();
        Assert.Equal((0, 0), ((int)page["total"]!, (int)page["unread"]!));
    }

    [Fact]
    public async Task SomeoneElsesNotification_IsNotFound()
    {
        await using var factory = await store.NewServiceAsync();
        var chair = await factory.CreateChairAsync("chair-own");
        await factory.CreateChairAsync("chair-other");
        var owner = await factory.SignInAsync("chair-own");
        var other = await factory.SignInAsync("chair-other");
        await factory.Planner().PlanAsync([ReminderTestExtensions.Reminder("test:own:1", chair, factory.Clock.GetUtcNow())]);
        Assert.True(await Eventually.HoldsAsync(async () => (await owner.InboxAsync()).Count == 1, s_wait));

        var id = (await owner.InboxAsync())[0]["id"]!.ToString();
        await (await other.PostAsync($"/api/notifications/{id}/read", null)).AssertProblemAsync(404, "not-found");
        Assert.Empty(await other.InboxAsync());
    }

    [Fact]
    public async Task AnEnglishSpeaker_GetsEnglish_AndChannelsTheyTurnOffStaySilent()
    {
        await using var channels = new Channels();
        await using var factory = channels.Configure(await store.NewServiceAsync());
        var chair = await factory.CreateChairAsync("chair-english", language: "en");
        await factory.AddWebhookAsync(channels.Hooks.Url, userId: chair);
        var person = await factory.SignInAsync("chair-english");
        var settings = await person.PutAsJsonAsync("/api/me/notification-settings", new { inApp = true, email = false, webhook = false });
        var chosen = await settings.ReadObjectAsync();
        Assert.Equal((false, false, "en", true), ((bool)chosen["email"]!, (bool)chosen["webhook"]!, (string?)chosen["language"], (bool)chosen["webhookConfigured"]!));

        await factory.Planner().PlanAsync([ReminderTestExtensions.Reminder("test:english:1", chair, factory.Clock.GetUtcNow())]);

        Assert.True(await Eventually.HoldsAsync(async () => (await person.InboxAsync()).Count == 1, s_wait));
        Assert.Equal("Rotation reminder test:english:1", (string?)(await person.InboxAsync())[0]["subject"]);
        await factory.SettledAsync();
        Assert.Empty(channels.Smtp.Received);
        Assert.Empty(channels.Hooks.Received);
    }

    [Fact]
    public async Task ARoleAudience_ReachesTheRoleHoldersWhoseRegionCoversIt_AndARegionWebhookOnce()
    {
        await using var channels = new Channels();
        await using var factory = channels.Configure(await store.NewServiceAsync());
        await factory.CreateChairAsync("chair-town", regionCode: TestRegions.Town);
        await factory.CreateChairAsync("chair-village", regionCode: TestRegions.Village);
        await factory.CreateChairAsync("chair-neighbour", regionCode: TestRegions.NeighbourTown);
        await factory.AddWebhookAsync(channels.Hooks.Url, regionCode: TestRegions.Town);
        var settings = new { inApp = true, email = false, webhook = false };
        foreach (var name in new[] { "chair-town", "chair-village", "chair-neighbour" })
            (await (await factory.SignInAsync(name)).PutAsJsonAsync("/api/me/notification-settings", settings)).EnsureSuccessStatusCode();

        await factory.Planner().PlanAsync([new PlannedReminder("test:role:1", ReminderKind.ReElection, factory.Clock.GetUtcNow(),
            ReminderAudience.Role("chair", TestRegions.Village), new LocalizedText("换届提醒", "Re-election"), new LocalizedText("请筹备换届。", "Prepare it."))]);

        Assert.True(await Eventually.HoldsAsync(() => channels.Hooks.Received.Count == 1, s_wait));
        await factory.SettledAsync();
        Assert.Single(await (await factory.SignInAsync("chair-town")).InboxAsync());
        Assert.Single(await (await factory.SignInAsync("chair-village")).InboxAsync());
        Assert.Empty(await (await factory.SignInAsync("chair-neighbour")).InboxAsync());
        var hook = Assert.Single(channels.Hooks.Received);
        var recipients = JsonNode.Parse(hook.Text)!["recipients"]!.AsArray().Select(r => (string?)r!["userName"]).Order().ToList();
        Assert.Equal(["chair-town", "chair-village"], recipients);
        Assert.Equal(TestRegions.Town, (string?)JsonNode.Parse(hook.Text)!["regionCode"]);
    }

    [Fact]
    public async Task ACancelledReminder_IsNotDelivered_UntilItIsPlannedAgain()
    {
        await using var factory = await store.NewServiceAsync();
        var chair = await factory.CreateChairAsync("chair-cancel");
        var person = await factory.SignInAsync("chair-cancel");
        var body = Guid.NewGuid();
        var key = ReminderKeys.Rotation(body, 4, ReminderKeys.Ahead, chair);
        var due = factory.Clock.GetUtcNow().AddSeconds(2);
        await factory.Planner().PlanAsync([ReminderTestExtensions.Reminder(key, chair, due)]);

        var cancelled = await factory.Planner().CancelAsync(ReminderKeys.Prefix("rotation", body));
        factory.Clock.Advance(TimeSpan.FromSeconds(3));
        await factory.SettledAsync();

        Assert.Equal(1, cancelled.Reminders);
        Assert.Empty(await person.InboxAsync());
        var replanned = await factory.Planner().PlanAsync([ReminderTestExtensions.Reminder(key, chair, factory.Clock.GetUtcNow().AddSeconds(1))]);
        Assert.Equal(1, replanned.Updated);
        factory.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(await Eventually.HoldsAsync(async () => (await person.InboxAsync()).Count == 1, s_wait));
    }

    [Fact]
    public async Task ChangingOneChannel_KeepsTheOthers()
    {
        await using var factory = await store.NewServiceAsync();
        await factory.CreateChairAsync("chair-settings");
        var person = await factory.SignInAsync("chair-settings");
        (await person.PutAsJsonAsync("/api/me/notification-settings", new { email = false })).EnsureSuccessStatusCode();
        var settings = await (await person.GetAsync("/api/me/notification-settings")).ReadObjectAsync();
        Assert.Equal((true, false, true), ((bool)settings["inApp"]!, (bool)settings["email"]!, (bool)settings["webhook"]!));
        Assert.Equal("chair-settings@example.test", (string?)settings["emailAddress"]);
    }

    [Fact]
    public async Task TheNotificationEndpoints_RequireSignIn()
    {
        await using var factory = await store.NewServiceAsync();
        var anonymous = factory.CreateClient();
        await (await anonymous.GetAsync("/api/notifications")).AssertProblemAsync(401, "unauthorized");
        await (await anonymous.GetAsync("/api/me/notification-settings")).AssertProblemAsync(401, "unauthorized");
        await (await anonymous.PostAsync("/api/me/calendar-token", null)).AssertProblemAsync(401, "unauthorized");
        await (await anonymous.GetAsync("/api/admin/webhooks/dead-letters")).AssertProblemAsync(401, "unauthorized");
    }
}

public sealed class DeliveryTestsOnSqlite() : DeliveryTests(Store.Sqlite);

public sealed class DeliveryTestsOnPostgreSql() : DeliveryTests(Store.PostgreSql);
