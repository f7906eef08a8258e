using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Federation.Import;
using Workflow.Server.Tests.Foundings;
using Workflow.Server.Tests.Support;

namespace Workflow.Server.Tests.Pages;

/// <summary>The ledger pages: filters and keyset paging, an organization's page, the import wizard, and their refusals.</summary>
public sealed partial class LedgerPagesTests(ServiceFactory factory) : IClassFixture<ServiceFactory>
{
    private sealed record Team(FoundingTeam Api, HttpClient Officer, HttpClient Neighbour, HttpClient Approver, string Tag);

    private async Task<Team> TeamAsync()
    {
        var api = await FoundingTeam.CreateAsync(factory);
        var tag = api.Tag;
        return new Team(api, await factory.SignInPageAsync($"f-officer-{tag}"), await factory.SignInPageAsync($"f-neighbour-{tag}"), await factory.SignInPageAsync($"f-party-{tag}"), tag);
    }

    private static List<string> Names(string html) => [.. NameCell().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value))];

    private static string? NextLink(string html) => NextPattern().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : null;

    [Fact]
    public async Task TheLedger_Filters_ByPartyOrganization_AndPagesByKeyset_ThroughEveryRow()
    {
        var team = await TeamAsync();
        for (var i = 1; i <= 5; i++)
            await team.Api.AddOrganizationAsync($"台账{team.Tag}第{i}石材有限公司", staff: 50, women: 20, party: i <= 2 ? "none" : "own");

        var withoutParty = Names(await team.Officer.GetStringAsync($"/ledger?q=台账{team.Tag}&party=false"));
        Assert.Equal([$"台账{team.Tag}第1石材有限公司", $"台账{team.Tag}第2石材有限公司"], withoutParty);

        var seen = new List<string>();
        var link = $"/ledger?q=台账{team.Tag}&size=2";
        var screens = 0;
        while (link is not null)
        {
            var html = await team.Officer.GetStringAsync(link);
            var names = Names(html);
            Assert.InRange(names.Count, 1, 2);
            seen.AddRange(names);
            link = NextLink(html);
            screens++;
        }
        Assert.Equal(3, screens);
        Assert.Equal(Enumerable.Range(1, 5).Select(i => $"台账{team.Tag}第{i}石材有限公司"), seen);
    }

    [Fact]
    public async Task AnOrganizationsPage_ShowsItsHistoryAndReasons_AndAnotherRegionsIsNotFound()
    {
        var team = await TeamAsync();
        var id = await team.Api.AddOrganizationAsync($"台账{team.Tag}历史石材有限公司", staff: 80, women: 40);
        var recommendation = await (await team.Api.Officer.GetAsync($"/api/organizations/{id}/recommendation")).ReadObjectAsync();

        var page = await team.Officer.GetStringAsync($"/ledger/{id}");

        Assert.Contains($"台账{team.Tag}历史石材有限公司", page, StringComparison.Ordinal);
        Assert.Contains(WebUtility.HtmlEncode((string)recommendation["reasons"]![0]!["zhCn"]!), page, StringComparison.Ordinal);
        Assert.Contains("尚未组建，也没有组建申请。", page, StringComparison.Ordinal);
        Assert.Matches("<table class=\"responsive\" id=\"history\">[\\s\\S]*女职工数：— → 40", page);
        Assert.Equal(HttpStatusCode.NotFound, (await team.Neighbour.GetAsync($"/ledger/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await team.Officer.GetAsync($"/ledger/{Guid.NewGuid()}")).StatusCode);
    }

    [Fact]
    public async Task AnApprover_IsRefusedTheLedger_AndDoesNotSeeItInTheNavigation()
    {
        var team = await TeamAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await team.Approver.GetAsync("/ledger")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await team.Approver.GetAsync("/ledger/import")).StatusCode);
        Assert.DoesNotContain("href=\"/ledger\"", await team.Approver.GetStringAsync("/tasks"), StringComparison.Ordinal);
        Assert.Contains("href=\"/ledger\"", await team.Officer.GetStringAsync("/tasks"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheWizard_MapsAnOfficersSheet_ShowsTheBadRow_ThenImportsTheFixedFile_AndLinksToItsRows()
    {
        var team = await TeamAsync();
        var campaign = await CampaignAsync(team);
        const string heading = "单位名称,领域,单位类型,镇街,从业人员数,女性从业人员数,是否建立党组织\n";
        var name = $"台账{team.Tag}骑手群体";

        var mapping = await UploadAsync(team.Officer, campaign, heading + $"{name},新就业群体,新就业群体,官桥镇,10,2,也许\n");
        Assert.Equal(HttpStatusCode.OK, mapping.StatusCode);
        var mappingPage = await mapping.Content.ReadAsStringAsync();
        Assert.Matches("<option value=\"是否建立党组织\" selected=\"selected\">", mappingPage);
        var token = TokenField().Match(mappingPage).Groups[1].Value;

        var fields = new Dictionary<string, string> { ["Campaign"] = campaign, ["Token"] = token, ["Map[regionCode]"] = "镇街", ["Map[name]"] = "单位名称",
            ["Map[sector]"] = "领域", ["Map[kind]"] = "单位类型", ["Map[staffCount]"] = "从业人员数", ["Map[womenCount]"] = "女性从业人员数", ["Map[partyOrganization]"] = "是否建立党组织" };
        var check = await (await team.Officer.PostFormAsync("/ledger/import?handler=check", fields, formPage: "/ledger/import")).Content.ReadAsStringAsync();
        Assert.Matches("<td data-label=\"行\">2</td><td data-label=\"文件中的列\">G 是否建立党组织</td><td data-label=\"内容\">也许</td>", check);

        var fixedFile = await UploadAsync(team.Officer, campaign, heading + $"{name},新就业群体,新就业群体,官桥镇,10,2,否\n");
        fields["Token"] = TokenField().Match(await fixedFile.Content.ReadAsStringAsync()).Groups[1].Value;
        var clean = await (await team.Officer.PostFormAsync("/ledger/import?handler=check", fields, formPage: "/ledger/import")).Content.ReadAsStringAsync();
        Assert.Contains("id=\"confirm\"", clean, StringComparison.Ordinal);
        // The import runs in the background: the page sends the officer to its progress, which ends in the report.
        var started = await team.Officer.PostFormAsync("/ledger/import?handler=import", fields, formPage: "/ledger/import");
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        var run = started.Headers.Location!.OriginalString;
        Assert.Matches("^/ledger/import/[0-9a-f-]{36}$", run);
        var imported = await ImportedAsync(team.Officer, run);
        Assert.Contains($"href=\"/ledger?campaign={campaign}\"", imported, StringComparison.Ordinal);
        Assert.Contains("已导入 1 行：新增 1 家、更新 0 家", imported, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await team.Neighbour.GetAsync(run)).StatusCode);
        Assert.Equal([name], Names(await team.Officer.GetStringAsync($"/ledger?campaign={campaign}")));
    }

    [Fact]
    public async Task AnUploadOverTheLimit_IsRefusedInWords_AndAnUploadWithoutTheAntiforgeryToken_IsRefused()
    {
        var team = await TeamAsync();
        var campaign = await CampaignAsync(team);
        using var small = factory.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton(new ImportOptions { MaxFileBytes = 1024 })));
        var officer = small.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        var signIn = await officer.PostFormAsync("/", new() { ["UserName"] = $"f-officer-{team.Tag}", ["Password"] = ServiceFactory.Password });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);

        var refused = await UploadAsync(officer, campaign, "单位名称\n" + new string('甲', 2000));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused.StatusCode);
        Assert.Contains("文件过大：上限为 1 KB", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var form = new MultipartFormDataContent { { new StringContent(campaign), "Campaign" }, { new ByteArrayContent("a,b\n"u8.ToArray()), "file", "x.csv" } };
        Assert.Equal(HttpStatusCode.BadRequest, (await team.Officer.PostAsync("/ledger/import?handler=upload", form)).StatusCode);
    }

    [Fact]
    public async Task TheExportButtons_GiveWorkbooksOfTheOfficersRegionOnly()
    {
        var team = await TeamAsync();
        await team.Api.AddOrganizationAsync($"台账{team.Tag}导出石材有限公司", staff: 50, women: 20);
        var page = await team.Officer.GetStringAsync("/ledger");
        Assert.Contains("href=\"/ledger?handler=roster&amp;roster=Women\"", page, StringComparison.Ordinal);

        var ledger = await team.Officer.GetAsync($"/ledger?handler=export&region={TestRegions.District}");
        Assert.Contains("区域“350583”不在您的范围内", await team.Officer.GetStringAsync($"/ledger?region={TestRegions.District}"), StringComparison.Ordinal);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ledger.Content.Headers.ContentType?.MediaType);
        var rows = MiniExcelLibs.MiniExcel.Query(await ledger.Content.ReadAsStreamAsync(), useHeaderRow: true, excelType: MiniExcelLibs.ExcelType.XLSX)
            .Cast<IDictionary<string, object?>>().ToList();
        Assert.Contains(rows, r => (string?)r["单位名称"] == $"台账{team.Tag}导出石材有限公司");
        Assert.All(rows, r => Assert.StartsWith(TestRegions.Town, (string)r["所在区域代码"]!, StringComparison.Ordinal));
        var women = await team.Officer.GetAsync("/ledger?handler=roster&roster=Women");
        Assert.Equal(HttpStatusCode.OK, women.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", women.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>The run's page once the background import is done (it refreshes itself while running).</summary>
    internal static async Task<string> ImportedAsync(HttpClient officer, string run)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            var page = await officer.GetStringAsync(run);
            if (!page.Contains("id=\"import-progress\"", StringComparison.Ordinal)) return page;
            await Task.Delay(50);
        }
        throw new Xunit.Sdk.XunitException($"the import at {run} did not finish");
    }

    private static async Task<string> CampaignAsync(Team team)
    {
        var response = await team.Api.Officer.PostAsJsonAsync("/api/campaigns", new { name = "台账页摸排 " + team.Tag, regionCode = TestRegions.Town });
        return (string)(await response.ReadObjectAsync())["id"]!;
    }

    internal static string TokenOf(string mappingPage) => TokenField().Match(mappingPage).Groups[1].Value;

    internal static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string campaign, string csv)
    {
        var page = await client.GetStringAsync("/ledger/import");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(PageSessions.Token(page)), "__RequestVerificationToken" },
            { new StringContent(campaign), "Campaign" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "file", "officer.csv" },
        };
        return await client.PostAsync("/ledger/import?handler=upload", form);
    }

    [GeneratedRegex("<td data-label=\"单位名称\"><a href=\"/ledger/[0-9a-f-]+\">([^<]+)</a>")]
    private static partial Regex NameCell();

    [GeneratedRegex("<a href=\"([^\"]+)\" rel=\"next\">")]
    private static partial Regex NextPattern();

    [GeneratedRegex("name=\"Token\" value=\"([0-9a-f-]+)\"")]
    private static partial Regex TokenField();
}
