using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Server.Storage;
using Workflow.Server.Tests.Foundings;
using Workflow.Server.Tests.Support;

namespace Workflow.Server.Tests.Bodies;

/// <summary>Accounts for the elected: registration invites each leader with a phone or e-mail, and the code sets her password once.</summary>
public sealed partial class LeaderInvitationTests(ServiceFactory factory) : IClassFixture<ServiceFactory>
{
    private const string ChairPhone = "13905951234";

    /// <summary>The chair gave her phone number and one executive her e-mail; the others gave nothing, and are left for an officer to link.</summary>
    private object Slate() => new
    {
        executiveSeats = 9,
        viceChairSeats = 2,
        congressDate = factory.Today().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        executiveCandidates = Enumerable.Range(1, 10).Select(i => new
        {
            id = $"c{i}", name = $"邀请候选人{i}", gender = "female", organization = "南安某石业有限公司", title = "职工", birthYear = 1980 + i,
            politicalStatus = "masses", education = "bachelor",
            phone = i == 1 ? ChairPhone : null, email = i == 4 ? "c4@example.cn" : null,
        }).ToArray(),
        chairCandidateIds = new[] { "c1" },
        viceChairCandidateIds = new[] { "c2", "c3" },
        procedure = new { quorum = "moreThanHalf" },
    };

    [Fact]
    public async Task AnElectedChair_AcceptsHerInvitation_IsLinkedToHerLeaderRecord_AndTheLastLinkPlansTheBodyAndClosesItsSetUp()
    {
        await factory.SeedRegionsAsync();
        var team = await FoundingTeam.CreateAsync(factory);
        var (id, instance) = await team.ToTheElectionAsync("南安某石业有限公司", Slate());
        await Record(team, id, new { stage = "congress", rounds = new[] { ElectionRoundsApiTests.FirstCongressRound, ElectionRoundsApiTests.Round(50, 29, new() { ["c9"] = 27, ["c10"] = 2 }) } });
        await Record(team, id, new
        {
            stage = "firstExecutiveMeeting", rounds = new[] { ElectionRoundsApiTests.Round(9, 9, new() { ["c1"] = 9, ["c2"] = 8, ["c3"] = 8 }) },
        });
        await FoundingTeam.DecideAsync(team.Officer, instance, "election", "recorded");
        await FoundingTeam.DecideAsync(team.Party, instance, "resultParty", "approve", new { opinion = "同意" });
        await FoundingTeam.DecideAsync(team.Superior, instance, "resultFiling", "approve", new { opinion = "准予备案" });
        await FoundingTeam.DecideAsync(team.Registrar, instance, "registration", "register",
            new { registrationNumber = "南妇登〔2026〕77号", foundingDate = factory.Today().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) });
        var bodyId = (string)(await FoundingTeam.FoundingAsync(team.Officer, id))["bodyId"]!;

        // Two invitations (the chair's phone, an executive's e-mail), each code told to the region's officers to pass on.
        var notices = await NoticesAsync();
        Assert.Equal(2, notices.Count);
        var chairNotice = notices.Single(n => n.Contains(ChairPhone, StringComparison.Ordinal));
        Assert.Contains("主席邀请候选人1的账号激活码为", chairNotice, StringComparison.Ordinal);
        var code = Code().Match(chairNotice).Value;

        var browser = factory.Browser();
        var wrong = await browser.PostFormAsync("/account/activate", new() { ["Code"] = "AAAA-BBBB-CCCC", ["NewPassword"] = "Xiuying-2026", ["ConfirmPassword"] = "Xiuying-2026" });
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("激活码无效、已使用或已过期", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var accepted = await browser.PostFormAsync("/account/activate", new() { ["Code"] = code.ToLowerInvariant(), ["NewPassword"] = "Xiuying-2026", ["ConfirmPassword"] = "Xiuying-2026" });
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);

        var chair = await factory.SignInAsync(ChairPhone, "Xiuying-2026");
        var body = await (await team.Officer.GetAsync($"/api/bodies/{bodyId}")).ReadObjectAsync();
        var leader = ((JsonArray)body["leaders"]!).Single(l => (string?)l!["role"] == "chair")!;
        Assert.NotNull((string?)leader["userId"]);
        Assert.Equal(HttpStatusCode.OK, (await chair.GetAsync($"/api/bodies/{bodyId}")).StatusCode);

        var again = await factory.Browser().PostFormAsync("/account/activate", new() { ["Code"] = code, ["NewPassword"] = "Another-2026", ["ConfirmPassword"] = "Another-2026" });
        Assert.Contains("激活码无效、已使用或已过期", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // The others gave no contact (or have not activated yet): an officer links them, and with the last one the rotation
        // and the duty groups plan themselves and the set-up task closes.
        Assert.Equal(HttpStatusCode.NotFound, (await team.Officer.GetAsync($"/api/bodies/{bodyId}/rotation")).StatusCode);
        var others = ((JsonArray)body["leaders"]!).Where(l => (string?)l!["userId"] is null).ToList();
        Assert.Equal(8, others.Count);
        foreach (var (other, i) in others.Select((l, i) => (l!, i)))
        {
            var account = await factory.CreateUserAsync($"invited-other-{i}", Workflow.Server.Accounts.Roles.Chair, TestRegions.Village);
            var linked = await team.Officer.PutAsJsonAsync($"/api/bodies/{bodyId}/leaders/{other["id"]}/account", new { userId = account });
            Assert.True(linked.IsSuccessStatusCode, await linked.Content.ReadAsStringAsync());
        }
        var rotation = await (await team.Officer.GetAsync($"/api/bodies/{bodyId}/rotation")).ReadObjectAsync();
        Assert.Equal((string?)leader["userId"], (string?)((JsonArray)rotation["order"]!)[0]);
        Assert.Equal(3, ((JsonArray)rotation["order"]!).Count);
        var groups = await (await team.Officer.GetAsync($"/api/bodies/{bodyId}/duty-groups")).ReadObjectAsync();
        Assert.Equal(9, ((JsonArray)groups["groups"]!).Sum(g => ((JsonArray)g!["memberIds"]!).Count));
        var setUp = (JsonArray)(await (await team.Officer.GetAsync("/api/tasks?definitionId=body-setup&show=all&pageSize=200")).ReadObjectAsync())["items"]!;
        Assert.Empty(setUp);
    }

    private static async Task Record(FoundingTeam team, Guid id, object meeting)
    {
        var response = await team.Officer.PostAsJsonAsync($"/api/foundings/{id}/elections", meeting);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task<List<string>> NoticesAsync()
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<ServiceDbContext>>().CreateDbContextAsync();
        return await db.Reminders.AsNoTracking().Where(r => r.Key.StartsWith("invitation:")).Select(r => r.BodyZh).ToListAsync();
    }

    [GeneratedRegex("[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}")]
    private static partial Regex Code();
}
