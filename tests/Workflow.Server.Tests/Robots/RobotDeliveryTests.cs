using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Workflow.Federation.Reminders;
using Workflow.Server.Tests.Reminders;
using Workflow.Server.Tests.Support;

namespace Workflow.Server.Tests.Robots;

/// <summary>Reminders reach a body's or a region's work group through its WeCom or DingTalk robot, as the platforms document.</summary>
public abstract class RobotDeliveryTests(Store store)
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task ABodysWeComRobot_GetsTheBodysReminderAsMarkdown_WithALinkToTheBodyPage()
    {
        await using var factory = (await store.NewServiceAsync()).WithRobots();
        await using var platform = new FakeRobotPlatform(factory.Clock);
        var chair = await factory.CreateChairAsync("chair-wecom");
        var body = await factory.RegisteredBodyAsync();
        var officer = await factory.TownOfficerAsync();
        await officer.AddRobotAsync(new { platform = "weCom", bodyId = body, name = "水暖城妇联主席群", url = platform.WeComUrl() });

        var key = ReminderKeys.Rotation(body, 1, ReminderKeys.Ahead, chair);
        await factory.Planner().PlanAsync([ReminderTestExtensions.Reminder(key, chair, factory.Clock.GetUtcNow())]);

        Assert.True(await factory.PassTimeUntilAsync(() => platform.Accepted.Count == 1), "the group's robot gets the reminder");
        await factory.SettledAsync();
        var post = Assert.Single(platform.Posts);
        Assert.Equal(("WeCom", "markdown"), (post.Platform, (string?)post.Body["msgtype"]));
        Assert.Contains($"轮值提醒 {key}", post.Content, StringComparison.Ordinal);
        Assert.Contains($"({SiteUrlOf($"bodies/{body}")})", post.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARegionsDingTalkRobot_SignsEachMessage_AsDingTalkDocuments()
    {
        await using var factory = (await store.NewServiceAsync()).WithRobots();
        await using var platform = new FakeRobotPlatform(factory.Clock);
        var chair = await factory.CreateChairAsync("chair-ding");
        var officer = await factory.TownOfficerAsync();
        await officer.AddRobotAsync(new
        {
            platform = "dingTalk", regionCode = TestRegions.Town, name = "官桥镇妇联工作群", url = platform.DingTalkUrl(), secret = FakeRobotPlatform.DingTalkSecret,
        });

        await factory.Planner().PlanAsync([
            ReminderTestExtensions.Reminder("test:ding:1", chair, factory.Clock.GetUtcNow()),
            ReminderTestExtensions.Reminder("test:ding:2", chair, factory.Clock.GetUtcNow().AddMinutes(30)),
        ]);
        Assert.True(await factory.PassTimeUntilAsync(() => platform.Accepted.Count == 1));
        factory.Clock.Advance(TimeSpan.FromMinutes(30));

        Assert.True(await factory.PassTimeUntilAsync(() => platform.Accepted.Count == 2), "both messages signed with their own timestamp are accepted");
        await factory.SettledAsync();
        Assert.Equal(2, platform.Posts.Count);
        Assert.All(platform.Posts, p => Assert.Equal(("DingTalk", "markdown"), (p.Platform, (string?)p.Body["msgtype"])));
        Assert.Equal("轮值提醒 test:ding:1", (string?)platform.Posts[0].Body["markdown"]!["title"]);
    }

    [Fact]
    public async Task ARobotWhoseSignatureIsRefused_IsADeadLetterAtOnce_WithThePlatformsReasonForTheAdmin()
    {
        await using var factory = (await store.NewServiceAsync()).WithRobots();
        await using var platform = new FakeRobotPlatform(factory.Clock);
        var chair = await factory.CreateChairAsync("chair-badsign");
        var officer = await factory.TownOfficerAsync();
        await officer.AddRobotAsync(new { platform = "dingTalk", regionCode = TestRegions.Town, name = "密钥填错的群", url = platform.DingTalkUrl(), secret = "SEC-not-the-secret" });

        await factory.Planner().PlanAsync([ReminderTestExtensions.Reminder("test:badsign:1", chair, factory.Clock.GetUtcNow())]);

        var admin = await factory.AdminAsync();
        JsonArray? letters = null;
        Assert.True(await factory.PassTimeUntilAsync(async () =>
        {
            letters = (JsonArray?)JsonNode.Parse(await admin.GetStringAsync("/api/admin/robots/dead-letters"));
            return letters!.Count == 1;
        }), "a dead letter appears");
        var letter = letters![0]!;
        Assert.Equal(("test:badsign:1", 1, "密钥填错的群"), ((string?)letter["key"], (int)letter["attempts"]!, (string?)letter["robotName"]));
        Assert.Contains("310000", (string?)letter["reason"], StringComparison.Ordinal);
        Assert.Single(platform.Posts);
    }

    [Fact]
    public async Task ARateLimitedAnswer_IsSentAgainAfterTheWait_WithoutSpendingItsAttempts()
    {
        await using var factory = (await store.NewServiceAsync()).WithRobots();
        await using var platform = new FakeRobotPlatform(factory.Clock) { RateLimitFirst = 4 };
        var chair = await factory.CreateChairAsync("chair-limited");
        var officer = await factory.TownOfficerAsync();
        await officer.AddRobotAsync(new { platform = "weCom", regionCode = TestRegions.Town, name = "官桥镇群", url = platform.WeComUrl() });

        await factory.Planner().PlanAsync([ReminderTestExtensions.Reminder("test:limited:1", chair, factory.Clock.GetUtcNow())]);

        Assert.True(await Eventually.HoldsAsync(async () =>
        {
            if (platform.Accepted.Count == 1) return true;
            factory.Clock.Advance(TimeSpan.FromSeconds(20));
            await Task.Delay(100);
            return false;
        }, s_wait), "sent once the platform takes it again");
        Assert.Equal([45009, 45009, 45009, 45009, 0], platform.Posts.Select(p => p.Answered));
        Assert.Empty((JsonArray)JsonNode.Parse(await (await factory.AdminAsync()).GetStringAsync("/api/admin/robots/dead-letters"))!);
    }

    [Fact]
    public async Task ABurstOf200RemindersToOneGroup_GoesOutAtMost20AMinute_EachOnce()
    {
        await using var factory = (await store.NewServiceAsync()).WithRobots();
        await using var platform = new FakeRobotPlatform(factory.Clock);
        var chair = await factory.CreateChairAsync("chair-burst");
        var officer = await factory.TownOfficerAsync();
        await officer.AddRobotAsync(new { platform = "weCom", regionCode = TestRegions.Town, name = "官桥镇群", url = platform.WeComUrl() });
        var now = factory.Clock.GetUtcNow();
        var keys = Enumerable.Range(1, 200).Select(i => $"test:burst:{i:000}").ToList();

        await factory.Planner().PlanAsync([.. keys.Select(k => ReminderTestExtensions.Reminder(k, chair, now))]);

        Assert.True(await Eventually.HoldsAsync(async () =>
        {
            if (platform.Accepted.Count >= 200) return true;
            // A second at a time: a send in flight when the clock jumps arrives later than it was counted, by the jump.
            factory.Clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(15);
            return false;
        }, TimeSpan.FromSeconds(150)), $"all 200 arrive; {platform.Accepted.Count} did");
        await factory.SettledAsync();
        Assert.Equal(0, platform.OverLimit);
        Assert.Equal(20, platform.BusiestMinute(FakeRobotPlatform.WeComKey));
        Assert.Equal(keys, platform.Accepted.Select(p => p.Content.Split(' ', 2)[1].Split("**")[0]).Order());
        Assert.True(platform.Accepted[^1].At - now >= TimeSpan.FromMinutes(9), "ten minutes' worth of messages take at least nine minutes");
    }

    [Fact]
    public async Task ARestartInTheMiddleOfARobotsQueue_LosesNothing_AndSendsNothingTwice()
    {
        var clock = new FakeTimeProvider(ServiceFactory.Start);
        await using var platform = new FakeRobotPlatform(clock);
        var keys = Enumerable.Range(1, 50).Select(i => $"test:queue:{i:00}").ToList();
        ServiceFactory stopped;
        await using (var first = (await store.NewServiceAsync(clock)).WithRobots())
        {
            first.KeepDataFolder = true;
            stopped = first;
            var chair = await first.CreateChairAsync("chair-queue");
            var officer = await first.TownOfficerAsync();
            await officer.AddRobotAsync(new { platform = "weCom", regionCode = TestRegions.Town, name = "官桥镇群", url = platform.WeComUrl() });
            await first.Planner().PlanAsync([.. keys.Select(k => ReminderTestExtensions.Reminder(k, chair, clock.GetUtcNow()))]);
            Assert.True(await Eventually.HoldsAsync(() => platform.Accepted.Count == 20, s_wait), "the first minute's twenty go out");
            clock.Advance(TimeSpan.FromSeconds(30));
            await Task.Delay(300);
        }

        clock.Advance(TimeSpan.FromSeconds(40));
        await using var second = stopped.Restart(clock).WithRobots();
        await second.SignInAsync("chair-queue");
        Assert.True(await Eventually.HoldsAsync(async () =>
        {
            if (platform.Accepted.Count >= 50) return true;
            clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(15);
            return false;
        }, TimeSpan.FromSeconds(60)), $"the other thirty go out after the restart; {platform.Accepted.Count} did");
        await second.SettledAsync();

        Assert.Equal(keys, platform.Posts.Select(p => p.Content.Split(' ', 2)[1].Split("**")[0]).Order());
        Assert.Equal(0, platform.OverLimit);
    }

    private static string SiteUrlOf(string path) => RobotTestSupport.SiteUrl + path;
}

public sealed class RobotDeliveryTestsOnSqlite() : RobotDeliveryTests(Store.Sqlite);

public sealed class RobotDeliveryTestsOnPostgreSql() : RobotDeliveryTests(Store.PostgreSql);
