using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Server.Accounts;
using Workflow.Server.Reminders;
using Workflow.Federation.Reminders;

namespace Workflow.Server.Tests.Support;

/// <summary>A loopback SMTP server and webhook receiver, and the settings that point a service at them.</summary>
public sealed class Channels : IAsyncDisposable
{
    public const string Secret = "webhook-secret-0123456789";

    public LoopbackSmtpServer Smtp { get; } = new();

    public LoopbackWebhookReceiver Hooks { get; } = new();

    /// <summary>Points the factory at the loopback channels, with quick retries and a late threshold of two seconds.</summary>
    public ServiceFactory Configure(ServiceFactory factory)
    {
        factory.Settings["Smtp:Host"] = "127.0.0.1";
        factory.Settings["Smtp:Port"] = Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        factory.Settings["Smtp:From"] = "fulian@example.test";
        factory.Settings["Webhooks:Attempts"] = "3";
        factory.Settings["Webhooks:BackoffSeconds"] = "0.2";
        factory.Settings["Reminders:LateAfterSeconds"] = "2";
        return factory;
    }

    /// <summary>
    /// Both nodes sweep once more at the same moment, as a double execution across the cluster would; then every key has
    /// reached <paramref name="person"/> exactly once in the inbox, by e-mail and by webhook.
    /// </summary>
    public async Task AssertEachDeliveredOnceAsync(ServiceFactory nodeA, ServiceFactory nodeB, HttpClient person, IReadOnlyList<string> keys)
    {
        await Task.WhenAll(
            nodeA.Services.GetRequiredService<ReminderSweep>().RunAsync(CancellationToken.None),
            nodeB.Services.GetRequiredService<ReminderSweep>().RunAsync(CancellationToken.None));
        await nodeA.SettledAsync();
        await nodeB.SettledAsync();

        Assert.Equal(keys, (await person.InboxAsync()).Select(n => (string?)n["key"]).Order());
        Assert.Equal(keys, Smtp.Received.Select(m => m.Message.Headers["X-Workflow-Key"]).Order());
        Assert.Equal(keys.Count, Hooks.Received.Select(h => h.DeliveryId).Distinct().Count());
        Assert.Equal(keys.Count, Hooks.Received.Count);
    }

    public async ValueTask DisposeAsync()
    {
        await Smtp.DisposeAsync();
        await Hooks.DisposeAsync();
    }
}

public static class ReminderTestExtensions
{
    /// <summary>A chair with an e-mail address and a language, created through the admin API.</summary>
    public static async Task<Guid> CreateChairAsync(this ServiceFactory factory, string userName, string language = "zh-CN", string regionCode = TestRegions.Village)
    {
        await factory.SeedRegionsAsync();
        var admin = await factory.AdminAsync();
        var response = await admin.PostAsJsonAsync("/api/admin/users", new
        {
            userName, displayName = userName, roles = new[] { Roles.Chair }, regionCode, email = $"{userName}@example.test", language, password = ServiceFactory.Password,
        });
        var body = await response.ReadObjectAsync();
        Assert.True(response.IsSuccessStatusCode, body.ToJsonString());
        return Guid.Parse((string)body["user"]!["id"]!);
    }

    public static async Task<Guid> AddWebhookAsync(this ServiceFactory factory, string url, Guid? userId = null, string? regionCode = null)
    {
        var admin = await factory.AdminAsync();
        var response = await admin.PostAsJsonAsync("/api/admin/webhooks", new { userId, regionCode, url, secret = Channels.Secret });
        var body = await response.ReadObjectAsync();
        Assert.True(response.IsSuccessStatusCode, body.ToJsonString());
        return Guid.Parse((string)body["id"]!);
    }

    public static ReminderPlanner Planner(this ServiceFactory factory) => factory.Services.GetRequiredService<ReminderPlanner>();

    public static PlannedReminder Reminder(string key, Guid to, DateTimeOffset dueAt, ReminderKind kind = ReminderKind.Rotation) =>
        new(key, kind, dueAt, ReminderAudience.People(to), new LocalizedText($"轮值提醒 {key}", $"Rotation reminder {key}"),
            new LocalizedText("请做好交接。", "Please prepare the handover."));

    /// <summary>The person's in-app notifications, oldest first.</summary>
    public static async Task<List<JsonObject>> InboxAsync(this HttpClient person)
    {
        using var response = await person.GetAsync("/api/notifications?pageSize=200");
        // A refusal here is a failure of its own (seen once on PostgreSQL right after sign-in): say which, not a null list.
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var page = await response.ReadObjectAsync();
        return [.. ((JsonArray)page["items"]!).Select(n => (JsonObject)n!).Reverse()];
    }
}

public static class Eventually
{
    /// <summary>Polls until the condition holds or the time is up; returns whether it held.</summary>
    public static async Task<bool> HoldsAsync(Func<Task<bool>> condition, TimeSpan within)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < within)
        {
            if (await condition()) return true;
            await Task.Delay(100);
        }
        return await condition();
    }

    public static Task<bool> HoldsAsync(Func<bool> condition, TimeSpan within) => HoldsAsync(() => Task.FromResult(condition()), within);
}
