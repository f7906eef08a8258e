using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Workflow.Server.Tests.Support;

namespace Workflow.Server.Tests.Foundings;

/// <summary>Dates are sanity-checked: results of a congress not yet held, and a founding later than its registration, are refused in Chinese.</summary>
public sealed class FoundingDatesTests(ServiceFactory factory) : IClassFixture<ServiceFactory>
{
    [Fact]
    public async Task ACongressDatedInTheFuture_HasItsResultsRefused()
    {
        await factory.SeedRegionsAsync();
        var team = await FoundingTeam.CreateAsync(factory);
        var (id, _) = await team.ToTheElectionAsync("官桥某未来石材有限公司", ElectionRoundsApiTests.Slate(factory.Today().AddDays(10)));

        var refused = await (await team.Officer.PostAsJsonAsync($"/api/foundings/{id}/elections", new
        {
            stage = "congress",
            rounds = new[] { new { due = 50, present = 45, ballotsIssued = 45, ballotsReturned = 45, invalidBallots = 0, votesByCandidate = new Dictionary<string, int> { ["c1"] = 40 } } },
        })).AssertProblemAsync(422, "refused");

        Assert.Equal("founding.congress-not-held", (string?)refused["code"]);
        Assert.Contains("尚未举行", (string?)refused["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFoundingDateAfterTheRegistration_IsRefused_AndTheRegistrarRegistersAgainWithTheRightDate()
    {
        await factory.SeedRegionsAsync();
        var team = await FoundingTeam.CreateAsync(factory);
        var association = await team.AddOrganizationAsync("官桥某物流协会", staff: 14, women: 5, party: "none", kind: "industryAssociation");
        var opened = await team.OpenAsync(new { organizationIds = new[] { association }, name = "官桥某物流协会妇女微家", kind = "microHome", mode = "hosted", modeReason = "女性少，依托协会托建" });
        var id = Guid.Parse((string)opened["id"]!);
        var instance = Guid.Parse((string)opened["instanceId"]!);
        await FoundingTeam.DecideAsync(team.Party, instance, "microParty", "endorse", new { opinion = "同意" });
        await FoundingTeam.DecideAsync(team.Superior, instance, "microApproval", "approve");
        await FoundingTeam.DecideAsync(team.Officer, instance, "appointHead", "appointed", new { headName = "陈雅琴" });
        var tomorrow = factory.Today().AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var task = ((JsonArray)(await (await team.Registrar.GetAsync("/api/tasks?show=all&activityId=registration&pageSize=200")).ReadObjectAsync())["items"]!)
            .First(t => (string?)t!["instanceId"] == instance.ToString())!;

        var refused = await (await team.Registrar.PostAsJsonAsync($"/api/tasks/{task["id"]}/decision",
            new { outcome = "register", form = new { registrationNumber = "南妇微〔2026〕9号", foundingDate = tomorrow } })).AssertProblemAsync(400, "validation");

        Assert.StartsWith($"成立日期 {tomorrow} 晚于登记日期", (string?)refused["errors"]!["form.foundingDate"]![0], StringComparison.Ordinal);
        var waiting = await FoundingTeam.FoundingAsync(team.Officer, id);
        Assert.Equal(["registration"], ((JsonArray)waiting["waitingAt"]!).Select(a => (string)a!));
        await FoundingTeam.DecideAsync(team.Registrar, instance, "registration", "register",
            new { registrationNumber = "南妇微〔2026〕9号", foundingDate = factory.Today().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) });
        Assert.Equal("founded", (string?)(await FoundingTeam.FoundingAsync(team.Officer, id))["status"]);
    }
}
