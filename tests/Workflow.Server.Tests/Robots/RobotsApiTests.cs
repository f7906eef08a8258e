using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Workflow.Server.Accounts;
using Workflow.Server.Tests.Reminders;
using Workflow.Server.Tests.Support;

namespace Workflow.Server.Tests.Robots;

/// <summary>Who may set up a group robot, and what the API shows of its key and secret: never all of it.</summary>
public sealed class RobotsApiTests
{
    [Fact]
    public async Task ARobotsKeyAndSecret_NeverComeBackInAnApiAnswer()
    {
        await using var factory = await Store.Sqlite.NewServiceAsync();
        await using var platform = new FakeRobotPlatform(factory.Clock);
        var officer = await factory.TownOfficerAsync();
        var created = await officer.AddRobotAsync(new
        {
            platform = "dingTalk", regionCode = TestRegions.Town, name = "官桥镇妇联工作群", url = platform.DingTalkUrl(), secret = FakeRobotPlatform.DingTalkSecret,
        });
        await officer.AddRobotAsync(new { platform = "weCom", regionCode = TestRegions.Town, name = "官桥镇企业微信群", url = platform.WeComUrl() });

        var listed = await officer.GetStringAsync("/api/robots");
        var asAdmin = await (await factory.AdminAsync()).GetStringAsync($"/api/robots?regionCode={TestRegions.Town}");
        foreach (var answer in new[] { created.ToJsonString(), listed, asAdmin })
        {
            Assert.DoesNotContain(FakeRobotPlatform.DingTalkToken, answer, StringComparison.Ordinal);
            Assert.DoesNotContain(FakeRobotPlatform.DingTalkSecret, answer, StringComparison.Ordinal);
            Assert.DoesNotContain(FakeRobotPlatform.WeComKey, answer, StringComparison.Ordinal);
        }
        Assert.Equal($"{platform.Root}robot/send?access_token=****{FakeRobotPlatform.DingTalkToken[^4..]}", (string?)created["url"]);
        Assert.True((bool)created["signed"]!);
        Assert.Equal(2, ((JsonArray)JsonNode.Parse(asAdmin)!).Count);
    }

    [Fact]
    public async Task AChair_MayNotSetUpRobots_AndANeighboursOfficer_DoesNotSeeThem()
    {
        await using var factory = await Store.Sqlite.NewServiceAsync();
        await using var platform = new FakeRobotPlatform(factory.Clock);
        var officer = await factory.TownOfficerAsync();
        var robot = await officer.AddRobotAsync(new { platform = "weCom", regionCode = TestRegions.Town, name = "官桥镇群", url = platform.WeComUrl() });
        var body = await factory.RegisteredBodyAsync();
        await factory.CreateUserAsync("officer-neighbour", Roles.Officer, TestRegions.NeighbourTown);
        var neighbour = await factory.SignInAsync("officer-neighbour");
        await factory.CreateChairAsync("chair-robots");
        var chair = await factory.SignInAsync("chair-robots");

        await (await chair.PostAsJsonAsync("/api/robots", new { platform = "weCom", regionCode = TestRegions.Village, name = "村群", url = platform.WeComUrl() }))
            .AssertProblemAsync(403, "forbidden");
        await (await chair.GetAsync("/api/robots")).AssertProblemAsync(403, "forbidden");
        Assert.Empty((JsonArray)JsonNode.Parse(await neighbour.GetStringAsync("/api/robots"))!);
        await (await neighbour.DeleteAsync($"/api/robots/{(string?)robot["id"]}")).AssertProblemAsync(404, "not-found");
        await (await neighbour.PostAsJsonAsync("/api/robots", new { platform = "weCom", bodyId = body, name = "别人的群", url = platform.WeComUrl() }))
            .AssertProblemAsync(404, "not-found");
        await (await neighbour.PostAsJsonAsync("/api/robots", new { platform = "weCom", regionCode = TestRegions.Town, name = "别人的群", url = platform.WeComUrl() }))
            .AssertProblemAsync(404, "not-found");
        (await (await factory.AdminAsync()).GetAsync("/api/admin/robots/dead-letters")).EnsureSuccessStatusCode();
        await (await officer.GetAsync("/api/admin/robots/dead-letters")).AssertProblemAsync(403, "forbidden");
    }

    [Fact]
    public async Task ARobotWithoutItsKey_OrASecretForWeCom_IsRefusedWithTheFieldsNamed()
    {
        await using var factory = await Store.Sqlite.NewServiceAsync();
        var officer = await factory.TownOfficerAsync();

        var problem = await (await officer.PostAsJsonAsync("/api/robots", new
        {
            platform = "weCom", regionCode = TestRegions.Town, name = "", url = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send", secret = "SECabc",
        })).AssertProblemAsync(400, "validation");

        Assert.NotNull(problem["errors"]!["url"]);
        Assert.NotNull(problem["errors"]!["name"]);
        Assert.NotNull(problem["errors"]!["secret"]);
        var both = await (await officer.PostAsJsonAsync("/api/robots", new { platform = "dingTalk", name = "群", url = "ftp://x" })).AssertProblemAsync(400, "validation");
        Assert.NotNull(both["errors"]!["bodyId"]);
        var unknown = await officer.PostAsJsonAsync("/api/robots", new { platform = "feishu", regionCode = TestRegions.Town, name = "群", url = "https://x" });
        Assert.Equal(400, (int)unknown.StatusCode);
    }
}
