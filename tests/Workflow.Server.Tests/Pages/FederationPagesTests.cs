using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Workflow.Federation.Common;
using Workflow.Server.Accounts;
using Workflow.Server.Tests.Foundings;
using Workflow.Server.Tests.Support;

namespace Workflow.Server.Tests.Pages;

/// <summary>The founding, body, message and calendar pages show what people rely on, and refuse as the API does.</summary>
public sealed class FederationPagesTests : IClassFixture<ServiceFactory>
{
    private readonly ServiceFactory _factory;

    public FederationPagesTests(ServiceFactory factory) => _factory = factory;

    [Fact]
    public async Task Wizard_ShowsTheRecommendationsReasons_AndRefusesAnotherModeWithoutAReason()
    {
        var (team, pages) = await TeamAsync();
        var organization = await team.AddOrganizationAsync("南安市某石材有限公司", staff: 120, women: 60);
        var recommendation = await (await team.Officer.GetAsync($"/api/organizations/{organization}/recommendation")).ReadObjectAsync();
        var firstReason = (string)recommendation["reasons"]![0]!["zhCn"]!;

        var recommended = await pages.Officer.PostFormAsync("/foundings/new?handler=Recommend", new() { ["Ids"] = organization.ToString() }, formPage: "/foundings/new");
        var shown = await recommended.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, recommended.StatusCode);
        Assert.Contains(WebUtility.HtmlEncode(firstReason), shown, StringComparison.Ordinal);

        var otherMode = (string)recommendation["mode"]! == "hosted" ? "Standalone" : "Hosted";
        var refused = await pages.Officer.PostFormAsync("/foundings/new?handler=Review",
            new() { ["Ids"] = organization.ToString(), ["Name"] = "南安市某石材有限公司妇联", ["Kind"] = "MicroHome", ["Mode"] = otherMode }, formPage: "/foundings/new");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("所选类型或方式与建议不同，请说明理由", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wizard_OpensTheRequest_WithTheReasonGiven()
    {
        var (team, pages) = await TeamAsync();
        var organization = await team.AddOrganizationAsync("南安市某机械有限公司", staff: 80, women: 30);
        var fields = new Dictionary<string, string>
        {
            ["Ids"] = organization.ToString(), ["Name"] = "南安市某机械有限公司妇联", ["Kind"] = "Enterprise", ["Mode"] = "Joint", ["Reason"] = "与同一业主的另一公司联建",
        };
        // Joint needs two organizations: the service's refusal comes back to the form, in words.
        var response = await pages.Officer.PostFormAsync("/foundings/new?handler=Submit", fields, formPage: "/foundings/new");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("联建须有两个及以上单位", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        fields["Mode"] = "Standalone";
        var opened = await pages.Officer.PostFormAsync("/foundings/new?handler=Submit", fields, formPage: "/foundings/new");
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        var page = await pages.Officer.GetStringAsync(opened.Headers.Location!.ToString());
        Assert.Contains("南安市某机械有限公司妇联", page, StringComparison.Ordinal);
        Assert.Contains("党组织意见（党建带妇建）", page, StringComparison.Ordinal);
        Assert.Contains("南安市某机械有限公司妇联", await pages.Officer.GetStringAsync("/foundings?status=open"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wizard_OpensAJointFoundingOfTwoNeighbouringBases_WithoutAReason()
    {
        var (team, pages) = await TeamAsync();
        var photovoltaic = await team.AddOrganizationAsync("霞美电子光伏产业基地", staff: 40, women: 6, kind: "industrialBase");
        var machinery = await team.AddOrganizationAsync("霞美机械制造装备基地", staff: 50, women: 7, kind: "industrialBase");
        var fields = new Dictionary<string, string>
        {
            ["Ids[0]"] = photovoltaic.ToString(), ["Ids[1]"] = machinery.ToString(), ["Name"] = "霞美镇产业基地联合妇联", ["Kind"] = "IndustrialBase", ["Mode"] = "Joint",
        };

        var review = await pages.Officer.PostFormAsync("/foundings/new?handler=Review", fields, formPage: "/foundings/new");
        Assert.Equal(HttpStatusCode.OK, review.StatusCode);
        var opened = await pages.Officer.PostFormAsync("/foundings/new?handler=Submit", fields, formPage: "/foundings/new");

        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        var id = Guid.Parse(opened.Headers.Location!.ToString().Split('/')[^1]);
        var founding = await FoundingTeam.FoundingAsync(team.Officer, id);
        Assert.Equal(("joint", 2), ((string?)founding["mode"], ((JsonArray)founding["organizationIds"]!).Count));
        Assert.Null(founding["modeReason"]);
    }

    [Fact]
    public async Task RequestPage_ShowsTheReturnInTheTimeline_AndResubmitsTheCorrection()
    {
        var (team, pages) = await TeamAsync();
        var organization = await team.AddOrganizationAsync("南安市某建材有限公司", staff: 90, women: 50);
        var opened = await team.OpenAsync(new { organizationIds = new[] { organization }, name = "南安某建材妇联", kind = "enterprise", mode = "standalone", modeReason = "单位自愿" });
        var (id, instance) = (Guid.Parse((string)opened["id"]!), Guid.Parse((string)opened["instanceId"]!));
        await FoundingTeam.DecideAsync(team.Party, instance, "partyOpinion", "return", new { opinion = "请补充女职工人数核实材料" }, comment: "名称请用全称");

        var page = await pages.Officer.GetStringAsync($"/foundings/{id}");
        Assert.Contains("南安某建材妇联", page, StringComparison.Ordinal);
        Assert.Contains("按意见修改组建申请", page, StringComparison.Ordinal);
        Assert.Contains("请补充女职工人数核实材料", page, StringComparison.Ordinal);
        Assert.Contains("名称请用全称", page, StringComparison.Ordinal);

        var resubmitted = await pages.Officer.PostFormAsync($"/foundings/{id}?handler=Resubmit", new() { ["Name"] = "南安市某建材有限公司妇联", ["Comment"] = "已按意见修改" },
            formPage: $"/foundings/{id}");

        Assert.Equal(HttpStatusCode.Redirect, resubmitted.StatusCode);
        var after = await FoundingTeam.FoundingAsync(team.Officer, id);
        Assert.Equal("南安市某建材有限公司妇联", (string?)after["name"]);
        Assert.Equal("partyOpinion", (string?)after["waitingAt"]![0]);
    }

    [Fact]
    public async Task RequestOfAnotherRegion_IsNotFound_AndTheWizardRefusesApprovers()
    {
        var (team, pages) = await TeamAsync();
        var organization = await team.AddOrganizationAsync("南安市某陶瓷有限公司", staff: 70, women: 40);
        var opened = await team.OpenAsync(new { organizationIds = new[] { organization }, name = "南安某陶瓷妇联", kind = "enterprise", mode = "standalone", modeReason = "单位自愿" });

        var neighbour = await pages.Neighbour.GetAsync($"/foundings/{opened["id"]}");
        Assert.Equal(HttpStatusCode.NotFound, neighbour.StatusCode);
        Assert.DoesNotContain("南安某陶瓷妇联", await pages.Neighbour.GetStringAsync("/foundings"), StringComparison.Ordinal);

        var approver = await pages.Party.GetAsync("/foundings/new");
        Assert.Equal(HttpStatusCode.Forbidden, approver.StatusCode);
        Assert.Contains("无权访问", await approver.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WizardSubmitWithoutTheAntiforgeryToken_IsRefusedAndOpensNothing()
    {
        var (team, pages) = await TeamAsync();
        var organization = await team.AddOrganizationAsync("南安市某纺织有限公司", staff: 70, women: 40);

        var response = await pages.Officer.PostAsync("/foundings/new?handler=Submit", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Ids"] = organization.ToString(), ["Name"] = "南安某纺织妇联", ["Kind"] = "Enterprise", ["Mode"] = "Standalone", ["Reason"] = "x",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var list = await (await team.Officer.GetAsync("/api/foundings")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("南安某纺织妇联", list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BodyPage_ShowsTheRotationHolderAndTheTermLeft_OnlyInItsRegion()
    {
        var (team, pages) = await TeamAsync();
        var today = ChinaInstant.Of(_factory.Clock.GetUtcNow()).LocalDate;
        var body = await _factory.RegisteredBodyAsync("南安市页面测试妇联", foundedOn: today.AddDays(-20));
        await _factory.AddLeadersAsync(body);
        var tag = Guid.NewGuid().ToString("N")[..5];
        var chairs = new List<Guid>();
        for (var i = 0; i < 3; i++) chairs.Add(await _factory.CreateUserAsync($"pchair{tag}{i}", Roles.Chair, TestRegions.Town));
        var plan = await team.Officer.PutAsJsonAsync($"/api/bodies/{body}/rotation", new { start = today.AddDays(-10).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), order = chairs });
        Assert.True(plan.IsSuccessStatusCode, await plan.Content.ReadAsStringAsync());

        var chair = await _factory.SignInPageAsync($"pchair{tag}0");
        var page = await chair.GetStringAsync($"/bodies/{body}");

        Assert.Contains("南安市页面测试妇联", page, StringComparison.Ordinal);
        Assert.Contains($"本期轮值主席：pchair{tag}0", page, StringComparison.Ordinal);
        Assert.Contains($"由 pchair{tag}1 接任", page, StringComparison.Ordinal);
        Assert.Contains("林秀英", page, StringComparison.Ordinal);
        var termEnd = today.AddDays(-20).AddYears(5);
        Assert.Contains($"还有 {termEnd.DayNumber - today.DayNumber} 天", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await pages.Neighbour.GetAsync($"/bodies/{body}")).StatusCode);
    }

    [Fact]
    public async Task CalendarPage_MakesAFeedAddressWithItsQrCode()
    {
        var (_, pages) = await TeamAsync();

        var response = await pages.Officer.PostFormAsync("/calendar?handler=Feed", [], formPage: "/calendar");
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches("href=\"webcal://[^\"]+/calendar/[^\"]+\\.ics\"", page);
        Assert.Contains("src=\"data:image/png;base64,", page, StringComparison.Ordinal);
        var https = System.Text.RegularExpressions.Regex.Match(page, "id=\"feed-https\" readonly value=\"([^\"]+)\"").Groups[1].Value;
        Assert.Equal(HttpStatusCode.OK, (await _factory.Browser().GetAsync(new Uri(https).PathAndQuery)).StatusCode);
    }

    [Fact]
    public async Task MessagesPage_AnswersForEveryone_AndMarkingAnotherPersonsMessageIsNotFound()
    {
        var (_, pages) = await TeamAsync();

        var page = await pages.Officer.GetAsync("/notifications");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("未读 0 条", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var marked = await pages.Officer.PostFormAsync("/notifications?handler=Read", new() { ["id"] = Guid.NewGuid().ToString() }, formPage: "/notifications");
        Assert.Equal(HttpStatusCode.NotFound, marked.StatusCode);
    }

    private sealed record PageClients(HttpClient Officer, HttpClient Party, HttpClient Neighbour);

    private async Task<(FoundingTeam Team, PageClients Pages)> TeamAsync()
    {
        var team = await FoundingTeam.CreateAsync(_factory);
        return (team, new PageClients(await _factory.SignInPageAsync($"f-officer-{team.Tag}"), await _factory.SignInPageAsync($"f-party-{team.Tag}"),
            await _factory.SignInPageAsync($"f-neighbour-{team.Tag}")));
    }
}
