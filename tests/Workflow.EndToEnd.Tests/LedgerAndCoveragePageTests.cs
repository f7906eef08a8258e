using System.Net.Http.Json;
using System.Text;
using Microsoft.Playwright;
using Workflow.EndToEnd.Tests.Support;
using Workflow.Federation.Common;
using Workflow.Server.Accounts;
using Workflow.Server.Tests.Foundings;
using Workflow.Server.Tests.Support;

namespace Workflow.EndToEnd.Tests;

/// <summary>An officer's ledger and coverage pages in the browser: importing an office's GB18030 sheet, filtering, drilling coverage down.</summary>
[Collection(InOneBrowser.Name)]
public sealed class LedgerAndCoveragePageTests(BrowserHost host)
{
    private const string Heading = "单位名称,统一社会信用代码,领域,类型,所在区域代码,从业人员数,女职工数,党组织情况\n";

    static LedgerAndCoveragePageTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static FilePayload Gb18030(string name, string csv) =>
        new() { Name = name, MimeType = "text/csv", Buffer = Encoding.GetEncoding("GB18030").GetBytes(csv) };

    [Fact]
    public async Task AGb18030SheetWithABadRow_IsShownInTheDryRun_ThenTheFixedFileImports_AndTheLedgerFiltersIt()
    {
        var people = await new People(host.Service).CreateAsync();
        var officer = await host.Service.SignInAsync(people.Officer);
        (await officer.PostAsJsonAsync("/api/campaigns", new { name = $"浏览器摸排{people.Tag}", regionCode = people.Town })).EnsureSuccessStatusCode();
        var campaign = $"浏览器摸排{people.Tag}（{people.Town}）";
        var (first, second) = (FoundingTeam.NewCreditCode(), FoundingTeam.NewCreditCode());
        var rows = $"台账{people.Tag}甲石材有限公司,{first},新经济组织,企业,{people.Village},80,40,是\n台账{people.Tag}乙石材有限公司,{second},新经济组织,企业,{people.Village},30,{{0}},否\n";
        var page = await host.SignedInAsync(people.Officer);

        await UploadAsync(page, campaign, Gb18030("摸排表.csv", Heading + string.Format(System.Globalization.CultureInfo.InvariantCulture, rows, "十二")));
        await page.GetByRole(AriaRole.Button, new() { Name = "检查（不写入）" }).ClickAsync();
        await Assertions.Expect(page.Locator("#problems")).ToContainTextAsync("十二");
        var bad = page.Locator("#problems tbody tr");
        await Assertions.Expect(bad).ToHaveCountAsync(1);
        await Assertions.Expect(bad.Locator("td").First).ToHaveTextAsync("3");
        await BrowserHost.CheckAsync(page, "20-ledger-import-bad-row");

        await UploadAsync(page, campaign, Gb18030("摸排表（改）.csv", Heading + string.Format(System.Globalization.CultureInfo.InvariantCulture, rows, "12")));
        await page.GetByRole(AriaRole.Button, new() { Name = "检查（不写入）" }).ClickAsync();
        await Assertions.Expect(page.Locator("#summary")).ToContainTextAsync("将新增 2 家");
        await page.GetByRole(AriaRole.Button, new() { Name = "导入全部行" }).ClickAsync();
        // The import runs in the background; its page refreshes itself until the report is in.
        await Assertions.Expect(page.Locator("#imported-rows")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("#summary")).ToContainTextAsync("新增 2 家");
        await BrowserHost.CheckAsync(page, "21-ledger-import-done");
        await page.Locator("#imported-rows").ClickAsync();
        await Assertions.Expect(page.Locator("#ledger tbody tr")).ToHaveCountAsync(2);

        await page.GotoAsync("/ledger");
        await page.GetByLabel("名称或信用代码").FillAsync($"台账{people.Tag}");
        await page.GetByLabel("已建党组织").SelectOptionAsync("false");
        await page.GetByRole(AriaRole.Button, new() { Name = "筛选", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#ledger tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#ledger tbody tr")).ToContainTextAsync($"台账{people.Tag}乙石材有限公司");
        await BrowserHost.CheckAsync(page, "22-ledger-filtered");
    }

    [Fact]
    public async Task CoverageDrillsDownFromTheDistrictToATown_AndEachChartSaysWhatItsTableSays_OnAPhoneToo()
    {
        var people = await new People(host.Service).CreateAsync();
        var districtOfficer = $"district-{people.Tag}";
        await people.AddAsync(districtOfficer, Roles.Officer, TestRegions.District);
        var officer = await host.Service.SignInAsync(people.Officer);
        var team = new FoundingTeam { Tag = people.Tag, Officer = officer, Party = officer, Superior = officer, Registrar = officer, NeighbourOfficer = officer };
        var keyUnit = await team.AddOrganizationAsync($"覆盖{people.Tag}重点石材有限公司", staff: 320, women: 110, region: people.Village);
        await team.AddOrganizationAsync($"覆盖{people.Tag}西村商贸有限公司", staff: 60, women: 30, region: people.OtherVillage);
        var today = ChinaInstant.Of(host.Service.Clock.GetUtcNow()).LocalDate;
        await host.Service.RegisteredBodyAsync($"覆盖{people.Tag}重点石材妇联", people.Village, today.AddDays(-10), [keyUnit]);
        var townName = $"测试镇{people.Town[^3..]}";

        var page = await host.SignedInAsync(districtOfficer);
        await page.GotoAsync("/coverage");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("覆盖情况");
        await BrowserHost.CheckAsync(page, "23-coverage-district");
        await page.Locator("#coverage-regions").GetByRole(AriaRole.Link, new() { Name = townName, Exact = true }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(townName);
        await Assertions.Expect(page.Locator(".breadcrumbs a")).ToHaveCountAsync(1);
        foreach (var (village, founded) in new[] { ("东村", "1"), ("西村", "0") })
        {
            var row = page.Locator("#chart-regions-table tbody tr", new() { HasText = village });
            await Assertions.Expect(row.Locator("td").First).ToHaveTextAsync(founded);
            await Assertions.Expect(page.Locator("#chart-regions rect title", new() { HasText = $"{village} 已建妇联：{founded}" })).ToHaveCountAsync(1);
        }
        await Assertions.Expect(page.Locator("#chart-key-units rect title", new() { HasText = "东村：100%" })).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#chart-key-units-table tbody tr", new() { HasText = "东村" })).ToContainTextAsync("100%");
        await BrowserHost.CheckAsync(page, "24-coverage-town");

        var phone = await host.SignedInAsync(districtOfficer, phone: true);
        await phone.GotoAsync($"/coverage?region={people.Town}");
        await Assertions.Expect(phone.Locator("#chart-trend")).ToBeVisibleAsync();
        var width = await phone.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(width <= 360, $"the page is {width} px wide on a 360 px screen");
        await BrowserHost.CheckAsync(phone, "25-coverage-phone");
    }

    private static async Task UploadAsync(IPage page, string campaign, FilePayload file)
    {
        await page.GotoAsync("/ledger/import");
        await page.GetByLabel("摸排批次").SelectOptionAsync(new SelectOptionValue { Label = campaign });
        await page.GetByLabel("文件（.xlsx 或 .csv）").SetInputFilesAsync(file);
        await page.GetByRole(AriaRole.Button, new() { Name = "下一步" }).ClickAsync();
        await Assertions.Expect(page.Locator("#mapping")).ToBeVisibleAsync();
    }
}
