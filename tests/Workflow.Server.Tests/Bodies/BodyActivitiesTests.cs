using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Workflow.Federation.Common;
using Workflow.Server.Accounts;
using Workflow.Server.Tests.Support;

namespace Workflow.Server.Tests.Bodies;

/// <summary>有效覆盖 (issue 14): a body's activities, its active status and the quiet bodies of a region, with their refusals.</summary>
public sealed class BodyActivitiesTests(ServiceFactory factory) : IClassFixture<ServiceFactory>
{
    private string Today => ChinaInstant.Of(factory.Clock.GetUtcNow()).LocalDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private string Tomorrow => ChinaInstant.Of(factory.Clock.GetUtcNow()).LocalDate.AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private async Task<HttpClient> OfficerAsync(string name, string region = TestRegions.Town)
    {
        await factory.CreateUserAsync(name, Roles.Officer, region);
        return await factory.SignInAsync(name);
    }

    [Fact]
    public async Task ALoveMotherTeamRecorded_IsListed_AndTheStatusNoLongerMissesIt()
    {
        var body = await factory.RegisteredBodyAsync();
        var officer = await OfficerAsync("act-officer1");

        var before = await (await officer.GetAsync($"/api/bodies/{body}/activity-status")).ReadObjectAsync();
        Assert.False((bool)before["active"]!);
        Assert.Contains((JsonArray)before["missing"]!, m => (string?)m!["code"] == "activity.love-mother-team-missing");

        var response = await officer.PostAsJsonAsync($"/api/bodies/{body}/activities", new { kind = "loveMotherTeam", heldOn = Today, summary = "组建爱心妈妈队伍 12 人" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);

        var list = (JsonArray)JsonNode.Parse(await officer.GetStringAsync($"/api/bodies/{body}/activities"))!;
        var only = Assert.Single(list);
        Assert.Equal("loveMotherTeam", (string?)only!["kind"]);
        Assert.Equal("act-officer1", (string?)only["recordedBy"]);
        var after = await (await officer.GetAsync($"/api/bodies/{body}/activity-status")).ReadObjectAsync();
        // Without a joint meeting group or duty groups, the team is all this body's plan asks.
        Assert.True((bool)after["active"]!);
        Assert.Equal(Today, (string?)after["lastActivityOn"]);
    }

    [Fact]
    public async Task BadInput_IsRefusedWith400_NamingTheField()
    {
        var body = await factory.RegisteredBodyAsync();
        var officer = await OfficerAsync("act-officer2");

        await (await officer.PostAsJsonAsync($"/api/bodies/{body}/activities", new { kind = "party", heldOn = Today, summary = "x" })).AssertProblemAsync(400, "validation");
        var future = await (await officer.PostAsJsonAsync($"/api/bodies/{body}/activities", new { kind = "loveMotherPairing", heldOn = Tomorrow, summary = "结对" }))
            .AssertProblemAsync(400, "validation");
        Assert.Contains("heldOn", future.ToJsonString(), StringComparison.Ordinal);
        var missing = await (await officer.PostAsJsonAsync($"/api/bodies/{body}/activities", new { kind = "jointMeeting", heldOn = Today, summary = "联席会" }))
            .AssertProblemAsync(400, "validation");
        Assert.Contains("minutes", missing.ToJsonString(), StringComparison.Ordinal);
        var group = await (await officer.PostAsJsonAsync($"/api/bodies/{body}/activities", new { kind = "dutyGroupActivity", heldOn = Today, summary = "走访", dutyGroup = 3, attendees = "张三" }))
            .AssertProblemAsync(400, "validation");
        Assert.Contains("dutyGroup", group.ToJsonString(), StringComparison.Ordinal);
        Assert.Empty((JsonArray)JsonNode.Parse(await officer.GetStringAsync($"/api/bodies/{body}/activities"))!);
    }

    [Fact]
    public async Task ANeighbourTownsOfficer_GetsNotFound_AndAChairCannotRecord()
    {
        var body = await factory.RegisteredBodyAsync();
        var neighbour = await OfficerAsync("act-neighbour", TestRegions.NeighbourTown);
        await factory.CreateUserAsync("act-chair", Roles.Chair, TestRegions.Town);
        var chair = await factory.SignInAsync("act-chair");

        await (await neighbour.GetAsync($"/api/bodies/{body}/activities")).AssertProblemAsync(404, "not-found");
        await (await neighbour.GetAsync($"/api/bodies/{body}/activity-status")).AssertProblemAsync(404, "not-found");
        await (await neighbour.PostAsJsonAsync($"/api/bodies/{body}/activities", new { kind = "loveMotherTeam", heldOn = Today, summary = "x" })).AssertProblemAsync(404, "not-found");
        Assert.Equal(HttpStatusCode.Forbidden, (await chair.PostAsJsonAsync($"/api/bodies/{body}/activities", new { kind = "loveMotherTeam", heldOn = Today, summary = "x" })).StatusCode);
        var quiet = (JsonArray)JsonNode.Parse(await neighbour.GetStringAsync("/api/coverage/quiet"))!;
        Assert.DoesNotContain(quiet, q => (string?)q!["id"] == body.ToString());
    }

    [Fact]
    public async Task AQuietBody_IsListedWithWhatIsMissing_UntilItFormsItsTeam()
    {
        var body = await factory.RegisteredBodyAsync();
        var officer = await OfficerAsync("act-officer3");

        var quiet = (JsonArray)JsonNode.Parse(await officer.GetStringAsync("/api/coverage/quiet"))!;
        var mine = Assert.Single(quiet, q => (string?)q!["id"] == body.ToString())!;
        Assert.Contains((JsonArray)mine["missing"]!, m => (string?)m!["zhCn"] == "尚未组建爱心妈妈队伍");
        Assert.Null((string?)mine["lastActivityOn"]);

        await officer.PostAsJsonAsync($"/api/bodies/{body}/activities", new { kind = "loveMotherTeam", heldOn = Today, summary = "组建队伍" });
        quiet = (JsonArray)JsonNode.Parse(await officer.GetStringAsync("/api/coverage/quiet"))!;
        Assert.DoesNotContain(quiet, q => (string?)q!["id"] == body.ToString());
    }

    [Fact]
    public async Task Coverage_ShowsFormalAndEffectiveSideBySide_AndCountsABodyOnceItIsActive()
    {
        var body = await factory.RegisteredBodyAsync();
        var officer = await OfficerAsync("act-officer4");
        var before = (JsonObject)(await (await officer.GetAsync($"/api/coverage?region={TestRegions.Town}")).ReadObjectAsync())["total"]!;

        await officer.PostAsJsonAsync($"/api/bodies/{body}/activities", new { kind = "loveMotherTeam", heldOn = Today, summary = "组建队伍" });
        var after = (JsonObject)(await (await officer.GetAsync($"/api/coverage?region={TestRegions.Town}")).ReadObjectAsync())["total"]!;

        Assert.Equal((int)before["bodiesActive"]! + 1, (int)after["bodiesActive"]!);
        // The test body has no member organizations, so the organizations effectively covered do not change.
        Assert.Equal((int)before["effectivelyCovered"]!, (int)after["effectivelyCovered"]!);
        Assert.True((int)after["effectivelyCovered"]! <= (int)after["covered"]!);
        Assert.True(after.ContainsKey("effectiveCoveragePercent"));
        Assert.Equal((int)before["bodiesFounded"]!, (int)after["bodiesFounded"]!);
    }
}
