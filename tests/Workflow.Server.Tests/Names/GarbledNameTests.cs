using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Workflow.Server.Accounts;
using Workflow.Server.Tests.Foundings;
using Workflow.Server.Tests.Support;

namespace Workflow.Server.Tests.Names;

/// <summary>Every field where people type a name refuses garbled text the same way (400, the field named), and keeps rare characters.</summary>
public sealed class GarbledNameTests(ServiceFactory factory) : IClassFixture<ServiceFactory>
{
    /// <summary>Seed 000 as published: pinyin readings left in by a converter.</summary>
    private const string Pinyin = "濟(jì)南市直播電商行業(yè)婦聯(lián)";

    /// <summary>GB 18030 holds these; names carry them (𠮷 is outside the BMP, 䶮 in CJK extension A).</summary>
    private const string Rare = "𠮷䶮";

    private static async Task AssertRefusedAsync(HttpResponseMessage response, string field)
    {
        var problem = await response.AssertProblemAsync(400, "validation");
        Assert.True(((JsonObject)problem["errors"]!).ContainsKey(field), problem.ToJsonString());
    }

    private async Task<HttpClient> OfficerAsync()
    {
        var name = Sessions.UniqueName("officer");
        await factory.CreateUserAsync(name, Roles.Officer, TestRegions.Town);
        return await factory.SignInAsync(name);
    }

    [Theory]
    [InlineData(Pinyin)]
    [InlineData("济南??商贸有限公司妇联")]
    [InlineData("济南\uFFFD\uFFFD妇联")]
    [InlineData("å¹¿ä¸œå¦‡è”")]
    public async Task AFoundingRequest_WithAGarbledName_IsRefused(string name)
    {
        var officer = await OfficerAsync();
        var response = await officer.PostAsJsonAsync("/api/foundings", new { organizationIds = new[] { Guid.NewGuid() }, name, kind = "enterprise", mode = "standalone" });
        await AssertRefusedAsync(response, "name");
    }

    [Fact]
    public async Task AFoundingRequest_WithRareCharacters_IsOpenedAndKeepsThem()
    {
        await factory.SeedRegionsAsync();
        var team = await FoundingTeam.CreateAsync(factory);
        var organization = await team.AddOrganizationAsync($"{Rare}石业有限公司", staff: 400, women: 120);

        var opened = await team.OpenAsync(new { organizationIds = new[] { organization }, name = $"{Rare}石业有限公司妇联", kind = "enterprise", mode = "standalone" });

        Assert.Equal($"{Rare}石业有限公司妇联", (string?)opened["name"]);
    }

    [Fact]
    public async Task Candidates_WithGarbledNamesOrOrganizations_AreRefusedNamingTheCandidate()
    {
        var officer = await OfficerAsync();
        var response = await officer.PutAsJsonAsync($"/api/foundings/{Guid.NewGuid()}/candidates", new
        {
            executiveSeats = 9, viceChairSeats = 2, congressDate = "2026-12-18",
            executiveCandidates = new[]
            {
                new { id = "c1", name = "王𠮷", gender = "female", organization = "福建省弘一石业有限公司", title = "职工", birthYear = 1980, politicalStatus = "masses", education = "bachelor" },
                new { id = "c2", name = "李?", gender = "female", organization = Pinyin, title = "职工", birthYear = 1981, politicalStatus = "masses", education = "bachelor" },
            },
            chairCandidateIds = new[] { "c1" }, viceChairCandidateIds = new[] { "c2" },
        });

        await AssertRefusedAsync(response, "executiveCandidates[1].organization");
        await AssertRefusedAsync(response, "executiveCandidates[1].name");
    }

    [Fact]
    public async Task AJointMeetingGroup_WithAGarbledNameOrLocation_IsRefused()
    {
        var officer = await OfficerAsync();
        var response = await officer.PostAsJsonAsync("/api/meeting-groups", new
        {
            name = Pinyin, regionCode = TestRegions.Town, bodyIds = new[] { Guid.NewGuid(), Guid.NewGuid() }, convenerId = Guid.NewGuid(), location = "官桥镇\uFFFD会议室",
        });

        await AssertRefusedAsync(response, "name");
        await AssertRefusedAsync(response, "location");
    }

    [Fact]
    public async Task AUsersDisplayName_WhenGarbled_IsRefusedOnCreateAndOnChange()
    {
        await factory.SeedRegionsAsync();
        var admin = await factory.AdminAsync();
        var created = await admin.PostAsJsonAsync("/api/admin/users",
            new { userName = Sessions.UniqueName("officer"), displayName = "王?芳", roles = new[] { Roles.Officer }, regionCode = TestRegions.Town, password = ServiceFactory.Password });
        await AssertRefusedAsync(created, "displayName");

        var id = await factory.CreateUserAsync(Sessions.UniqueName("officer"), Roles.Officer, TestRegions.Town);
        await AssertRefusedAsync(await admin.PatchAsJsonAsync($"/api/admin/users/{id}", new { displayName = Pinyin }), "displayName");
    }

    [Fact]
    public async Task AUsersDisplayName_WithRareCharacters_IsKept()
    {
        var id = await factory.CreateUserAsync(Sessions.UniqueName("officer"), Roles.Officer, TestRegions.Town);
        var admin = await factory.AdminAsync();

        var changed = await admin.PatchAsJsonAsync($"/api/admin/users/{id}", new { displayName = "王" + Rare });

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal("王" + Rare, (string?)(await changed.ReadObjectAsync())["displayName"]);
    }

    [Fact]
    public async Task ARegion_WithAGarbledName_IsRefused_AndOneWithRareCharactersIsAdded()
    {
        await factory.SeedRegionsAsync();
        var admin = await factory.AdminAsync();

        await AssertRefusedAsync(await admin.PostAsJsonAsync("/api/admin/regions", new { code = "350583104202", name = "濟(jì)南村" }), "name");
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/admin/regions", new { code = "350583104203", name = Rare + "村" })).StatusCode);
    }
}
