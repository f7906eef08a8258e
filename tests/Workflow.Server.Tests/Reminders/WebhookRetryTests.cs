using System.Text.Json.Nodes;
using Workflow.Server.Tests.Support;

namespace Workflow.Server.Tests.Reminders;

/// <summary>A failing webhook is tried again with back-off, then kept as a dead letter for admins.</summary>
public abstract class WebhookRetryTests(Store store)
{
    [Fact]
    public async Task AWebhookThatAlwaysFails_IsTriedThreeTimes_ThenADeadLetterAdminsSee()
    {
        await using var channels = new Channels();
        channels.Hooks.AlwaysFail = true;
        await using var factory = channels.Configure(await store.NewServiceAsync());
        var chair = await factory.CreateChairAsync("chair-dead");
        await factory.AddWebhookAsync(channels.Hooks.Url, userId: chair);
        var admin = await factory.AdminAsync();

        await factory.Planner().PlanAsync([ReminderTestExtensions.Reminder("test:dead:1", chair, factory.Clock.GetUtcNow())]);

        JsonArray? letters = null;
        Assert.True(await factory.PassTimeUntilAsync(async () =>
        {
            letters = (JsonArray?)JsonNode.Parse(await admin.GetStringAsync("/api/admin/webhooks/dead-letters"));
            return letters!.Count == 1;
        }), "a dead letter appears");
        var letter = letters![0]!;
        Assert.Equal(("test:dead:1", 3, "webhook"), ((string?)letter["key"], (int)letter["attempts"]!, (string?)letter["channel"]));
        Assert.Contains("500", (string?)letter["lastError"], StringComparison.Ordinal);
        await factory.SettledAsync();
        Assert.Equal(3, channels.Hooks.Received.Count);
        Assert.Single(channels.Hooks.Received.Select(h => h.DeliveryId).Distinct());
        Assert.All(channels.Hooks.Received, h => Assert.True(h.SignatureIsValid(Channels.Secret)));
    }

    [Fact]
    public async Task AWebhookThatFailsTwice_IsDeliveredOnTheThirdTry_WithoutADeadLetter()
    {
        await using var channels = new Channels();
        channels.Hooks.FailFirst = 2;
        await using var factory = channels.Configure(await store.NewServiceAsync());
        var chair = await factory.CreateChairAsync("chair-retry");
        await factory.AddWebhookAsync(channels.Hooks.Url, userId: chair);

        await factory.Planner().PlanAsync([ReminderTestExtensions.Reminder("test:retry:1", chair, factory.Clock.GetUtcNow())]);

        Assert.True(await factory.PassTimeUntilAsync(() => channels.Hooks.Received.Any(h => h.AnsweredWith == 200)));
        await factory.SettledAsync();
        Assert.Equal([500, 500, 200], channels.Hooks.Received.Select(h => h.AnsweredWith));
        Assert.Empty((JsonArray)JsonNode.Parse(await (await factory.AdminAsync()).GetStringAsync("/api/admin/webhooks/dead-letters"))!);
    }

    [Fact]
    public async Task OnlyAdmins_SeeDeadLettersAndSetUpWebhooks()
    {
        await using var factory = await store.NewServiceAsync();
        await factory.CreateChairAsync("chair-nosy");
        var chair = await factory.SignInAsync("chair-nosy");
        await (await chair.GetAsync("/api/admin/webhooks/dead-letters")).AssertProblemAsync(403, "forbidden");
        var admin = await factory.AdminAsync();
        var bad = await admin.PostAsync("/api/admin/webhooks", System.Net.Http.Json.JsonContent.Create(new { regionCode = TestRegions.District, url = "ftp://x", secret = "short" }));
        var problem = await bad.AssertProblemAsync(400, "validation");
        Assert.NotNull(problem["errors"]!["url"]);
        Assert.NotNull(problem["errors"]!["secret"]);
    }
}

public sealed class WebhookRetryTestsOnSqlite() : WebhookRetryTests(Store.Sqlite);

public sealed class WebhookRetryTestsOnPostgreSql() : WebhookRetryTests(Store.PostgreSql);
