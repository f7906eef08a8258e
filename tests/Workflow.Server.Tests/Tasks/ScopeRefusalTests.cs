using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Workflow.Server.Accounts;
using Workflow.Server.Tests.Support;

namespace Workflow.Server.Tests.Tasks;

/// <summary>Region and role are decided on the server: a neighbour's records stay invisible, the wrong role is refused.</summary>
public sealed class ScopeRefusalTests(ServiceFactory factory) : IClassFixture<ServiceFactory>
{
    [Fact]
    public async Task AnApproverOfTheNeighbouringTown_NeitherSeesNorDecidesTheTask()
    {
        var s = await Scenario.CreateAsync(factory);
        var (instance, task) = await s.StartApprovalAsync();

        var inbox = await (await s.NeighbourApprover.GetAsync("/api/tasks?show=all")).ReadObjectAsync();
        Assert.DoesNotContain((JsonArray)inbox["items"]!, i => (string?)i!["id"] == task.ToString());
        await (await s.NeighbourApprover.GetAsync($"/api/tasks/{task}")).AssertProblemAsync(404, "not-found");
        await (await s.NeighbourApprover.PostAsJsonAsync($"/api/tasks/{task}/decision", new { outcome = "approve" })).AssertProblemAsync(404, "not-found");
        await (await s.NeighbourApprover.GetAsync($"/api/instances/{instance}")).AssertProblemAsync(404, "not-found");
    }

    [Fact]
    public async Task AnOfficer_CannotStartARequestInTheNeighbouringTown()
    {
        var s = await Scenario.CreateAsync(factory);
        var response = await s.Officer.PostAsJsonAsync("/api/instances", new { definitionId = "approval", input = new JsonObject { ["regionCode"] = TestRegions.NeighbourVillage } });
        await response.AssertProblemAsync(403, "forbidden");
    }

    [Fact]
    public async Task AnApprover_CannotStartRequests()
    {
        var s = await Scenario.CreateAsync(factory);
        var response = await s.Approver.PostAsJsonAsync("/api/instances", new { definitionId = "approval", input = new JsonObject { ["regionCode"] = TestRegions.Village } });
        await response.AssertProblemAsync(403, "forbidden");
    }

    [Fact]
    public async Task AnOfficer_CannotDecideAnApproversTask()
    {
        var s = await Scenario.CreateAsync(factory);
        var (_, task) = await s.StartApprovalAsync();
        await (await s.Officer.PostAsJsonAsync($"/api/tasks/{task}/decision", new { outcome = "approve" })).AssertProblemAsync(403, "forbidden");
    }

    /// <summary>The refusal comes from inside the decision's transition (issue 15): it must leave nothing behind.</summary>
    [Fact]
    public async Task ARefusedDecision_WritesNothing_AndTheTasksApproverStillDecidesIt()
    {
        var s = await Scenario.CreateAsync(factory);
        var (instance, task) = await s.StartApprovalAsync();
        var journalBefore = ((JsonArray)JsonNode.Parse(await s.Officer.GetStringAsync($"/api/instances/{instance}/journal"))!).Count;

        await (await s.NeighbourApprover.PostAsJsonAsync($"/api/tasks/{task}/decision", new { outcome = "approve" })).AssertProblemAsync(404, "not-found");
        await (await s.PartyApprover.PostAsJsonAsync($"/api/tasks/{task}/decision", new { outcome = "approve" })).AssertProblemAsync(403, "forbidden");
        await (await s.Approver.PostAsJsonAsync($"/api/tasks/{task}/decision", new { outcome = " " })).AssertProblemAsync(400, "validation");

        Assert.Equal(journalBefore, ((JsonArray)JsonNode.Parse(await s.Officer.GetStringAsync($"/api/instances/{instance}/journal"))!).Count);
        var decided = await s.Approver.PostAsJsonAsync($"/api/tasks/{task}/decision", new { outcome = "approve" });
        Assert.True(decided.IsSuccessStatusCode, await decided.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task APartyOrganizationApprover_CannotDecideTheSuperiorFederationsStep()
    {
        var s = await Scenario.CreateAsync(factory);
        var (_, task) = await s.StartApprovalAsync();
        await (await s.PartyApprover.PostAsJsonAsync($"/api/tasks/{task}/decision", new { outcome = "approve" })).AssertProblemAsync(403, "forbidden");
    }

    [Theory]
    [InlineData("GET", "/api/admin/users")]
    [InlineData("POST", "/api/admin/regions")]
    [InlineData("GET", "/api/definitions")]
    [InlineData("GET", "/api/instances")]
    [InlineData("GET", "/api/incidents")]
    public async Task AdminEndpoints_RefuseAnOfficer(string method, string path)
    {
        var s = await Scenario.CreateAsync(factory);
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = method == "POST" ? JsonContent.Create(new { code = "350583199", name = "x" }) : null };
        await (await s.Officer.SendAsync(request)).AssertProblemAsync(403, "forbidden");
    }

    [Fact]
    public async Task TheJobDashboard_IsForAdminsOnly()
    {
        var s = await Scenario.CreateAsync(factory);
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateClient().GetAsync("/jobs")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await s.Officer.GetAsync("/jobs")).StatusCode);
        var admin = await factory.AdminAsync();
        var dashboard = await admin.GetAsync("/jobs");
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Contains("Workflow jobs", await dashboard.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABrowserSignedInWithTheCookie_OpensTheJobDashboard()
    {
        var client = factory.CreateClient();
        var signIn = await client.PostAsJsonAsync("/api/auth/token?cookie=true", new { userName = "admin", password = ServiceFactory.AdminPassword });
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("wf_access=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/jobs");
        request.Headers.Add("Cookie", cookie.Split(';')[0]);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task AnAdminSignedInThroughThePages_OpensTheJobDashboardLinkedFrom管理_AndAnOfficerIsRefused()
    {
        var admin = await factory.SignInPageAsync("admin", ServiceFactory.AdminPassword);
        var dashboard = await admin.GetAsync("/jobs");
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Contains("Workflow jobs", await dashboard.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var name = "jobs-officer-" + Guid.NewGuid().ToString("N")[..6];
        await factory.CreateUserAsync(name, Roles.Officer, TestRegions.District);
        var officer = await factory.SignInPageAsync(name);
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.GetAsync("/jobs")).StatusCode);
    }

    [Fact]
    public async Task ADistrictOfficer_SeesTheRegionTreeBelow_AndATownOfficerOnlyTheirTown()
    {
        var s = await Scenario.CreateAsync(factory);
        var regions = (JsonArray)JsonNode.Parse(await s.Officer.GetStringAsync("/api/regions"))!;
        var codes = regions.Select(r => (string)r!["code"]!).ToList();
        Assert.Contains(TestRegions.Town, codes);
        Assert.Contains(TestRegions.Village, codes);
        Assert.DoesNotContain(TestRegions.NeighbourTown, codes);
        Assert.DoesNotContain(TestRegions.District, codes);
    }
}
