using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Server.Accounts;
using Workflow.Server.Notifications;
using Workflow.Server.Storage;
using Workflow.Server.Tests.Support;
using Workflow.Server.Webhooks;

namespace Workflow.Server.Tests.Notifications;

/// <summary>
/// One reader of the dead letters: the admin list pages by an opaque cursor, and the older robot and webhook endpoints keep
/// their shapes through it, never with what was to be sent.
/// </summary>
public sealed class FailedDeliveriesTests(ServiceFactory factory) : IClassFixture<ServiceFactory>
{
    private const string SecretText = "激活码 483920 https://fulian.example.cn/tasks/secret";

    [Fact]
    public async Task TheApiPagesNewestFirst_ByCursor_WithoutSkippingLettersThatFailedInTheSameTick()
    {
        var now = factory.Clock.GetUtcNow();
        var letters = new[] { 1, 2, 2, 2, 3 }.Select((hours, i) => Letter(DeliveryChannel.Email, $"dl{i}@example.cn", now.AddHours(-hours))).ToArray();
        await AddAsync(letters);
        // Newest first; within one tick by id, as the database orders ids (their text, which is their bytes' order).
        var expected = letters.OrderByDescending(l => l.FailedAt).ThenByDescending(l => l.Id.ToString(), StringComparer.Ordinal).Select(l => l.Target).ToList();
        var admin = await factory.AdminAsync();

        var seen = new List<string?>();
        var screens = 0;
        string? cursor = null;
        do
        {
            var page = await (await admin.GetAsync("/api/admin/dead-letters?channel=Email&limit=2" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor))))
                .ReadObjectAsync();
            seen.AddRange(((JsonArray)page["items"]!).Select(i => (string?)i!["target"]));
            cursor = (string?)page["next"];
            screens++;
        }
        while (cursor is not null && screens < 10);

        Assert.Equal(expected, seen);
        Assert.Equal(3, screens);
    }

    [Theory]
    [InlineData("not-a-cursor")]
    [InlineData("AAAA")]
    [InlineData("__________________________________")]
    public async Task ABadCursor_IsA400Problem(string cursor)
    {
        var admin = await factory.AdminAsync();

        await (await admin.GetAsync("/api/admin/dead-letters?cursor=" + Uri.EscapeDataString(cursor))).AssertProblemAsync(400, "validation");
    }

    [Fact]
    public async Task BadArguments_AreRefused_AndOfficersAreForbidden()
    {
        var admin = await factory.AdminAsync();
        await (await admin.GetAsync("/api/admin/dead-letters?limit=0")).AssertProblemAsync(400, "validation");
        await (await admin.GetAsync("/api/admin/dead-letters?channel=InApp")).AssertProblemAsync(400, "validation");
        Assert.Equal(400, (int)(await admin.GetAsync("/api/admin/dead-letters?channel=Pigeon")).StatusCode);

        var officerName = "fd-officer-" + Guid.NewGuid().ToString("N")[..6];
        await factory.CreateUserAsync(officerName, Roles.Officer, TestRegions.District);
        var officer = await factory.SignInAsync(officerName);
        await (await officer.GetAsync("/api/admin/dead-letters")).AssertProblemAsync(403, "forbidden");
    }

    [Fact]
    public async Task TheRobotEndpoint_KeepsItsShape_WithoutThePayload()
    {
        var letter = Letter(DeliveryChannel.Robot, Guid.NewGuid().ToString(), factory.Clock.GetUtcNow().AddMinutes(-1));
        await AddAsync(letter);
        var admin = await factory.AdminAsync();

        var answer = await admin.GetStringAsync("/api/admin/robots/dead-letters");

        var item = ((JsonArray)JsonNode.Parse(answer)!).Single(i => (string?)i!["id"] == letter.Id.ToString())!.AsObject();
        Assert.Equal(["id", "deliveryId", "robotId", "robotName", "key", "attempts", "reason", "failedAt"], item.Select(p => p.Key));
        Assert.Equal((letter.DeliveryId.ToString(), letter.RecipientId.ToString(), "310000: sign not match", 5),
            ((string?)item["deliveryId"], (string?)item["robotId"], (string?)item["reason"], (int)item["attempts"]!));
        Assert.DoesNotContain("483920", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheWebhookEndpoint_KeepsItsShape_WithoutThePayload()
    {
        var hook = Guid.NewGuid();
        var letter = Letter(DeliveryChannel.Webhook, hook.ToString(), factory.Clock.GetUtcNow().AddMinutes(-1));
        await AddAsync(letter);
        var admin = await factory.AdminAsync();

        var answer = await admin.GetStringAsync("/api/admin/webhooks/dead-letters");

        var item = ((JsonArray)JsonNode.Parse(answer)!).Single(i => (string?)i!["id"] == letter.Id.ToString())!.AsObject();
        Assert.Equal(["id", "deliveryId", "channel", "key", "recipientId", "target", "attempts", "lastError", "failedAt"], item.Select(p => p.Key));
        Assert.Equal(("webhook", hook.ToString(), "310000: sign not match", letter.Key),
            ((string?)item["channel"], (string?)item["target"], (string?)item["lastError"], (string?)item["key"]));
        Assert.DoesNotContain("483920", answer, StringComparison.Ordinal);
    }

    private static DeadLetterRow Letter(DeliveryChannel channel, string target, DateTimeOffset failedAt) => new()
    {
        Id = Guid.NewGuid(), DeliveryId = Guid.NewGuid(), Channel = channel, Key = "reminder:" + Guid.NewGuid(), RecipientId = Guid.NewGuid(),
        Target = target, Payload = SecretText, Attempts = 5, LastError = "310000: sign not match", FailedAt = failedAt,
    };

    private async Task AddAsync(params DeadLetterRow[] letters)
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<ServiceDbContext>>().CreateDbContextAsync();
        db.DeadLetters.AddRange(letters);
        await db.SaveChangesAsync();
    }
}
