using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Workflow.Federation.Common;
using Workflow.Server.Accounts;
using Workflow.Server.Tests.Foundings;
using Workflow.Server.Tests.Support;

namespace Workflow.Server.Tests.Pages;

/// <summary>The coverage page: lines per region below with the region's own line, drilling down and back up, targets, and refusals.</summary>
public sealed partial class CoveragePagesTests(ServiceFactory factory) : IClassFixture<ServiceFactory>
{
    private static int s_towns;

    private sealed record Area(string Town, string Village, string OtherVillage, string TownName, HttpClient District, HttpClient TownOfficer, FoundingTeam Api);

    /// <summary>A town of the test's own under the district, with two villages, a district officer and a town officer.</summary>
    private async Task<Area> AreaAsync()
    {
        await factory.SeedRegionsAsync();
        var tag = Guid.NewGuid().ToString("N")[..6];
        var town = $"{TestRegions.District}{600 + Interlocked.Increment(ref s_towns)}";
        var townName = $"覆盖镇{town[^3..]}";
        var admin = await factory.AdminAsync();
        foreach (var (code, name) in new[] { (town, townName), (town + "201", "上村"), (town + "202", "下村") })
            (await admin.PostAsJsonAsync("/api/admin/regions", new { code, name })).EnsureSuccessStatusCode();
        await factory.CreateUserAsync($"cv-district-{tag}", Roles.Officer, TestRegions.District);
        await factory.CreateUserAsync($"cv-town-{tag}", Roles.Officer, town);
        var api = await factory.SignInAsync($"cv-town-{tag}");
        var team = new FoundingTeam { Tag = tag, Officer = api, Party = api, Superior = api, Registrar = api, NeighbourOfficer = api };
        return new Area(town, town + "201", town + "202", townName, await factory.SignInPageAsync($"cv-district-{tag}"), await factory.SignInPageAsync($"cv-town-{tag}"), team);
    }

    private int Year => ChinaInstant.Of(factory.Clock.GetUtcNow()).LocalDate.Year;

    private string YearText => Year.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Two organizations in the first village (one a key unit, covered by a body founded this year) and one coded to the town itself.</summary>
    private async Task SeedAsync(Area area)
    {
        var keyUnit = await area.Api.AddOrganizationAsync($"覆盖{area.Api.Tag}重点石材有限公司", staff: 320, women: 110, region: area.Village);
        await area.Api.AddOrganizationAsync($"覆盖{area.Api.Tag}小型石材有限公司", staff: 20, women: 8, party: "none", region: area.Village);
        await area.Api.AddOrganizationAsync($"覆盖{area.Api.Tag}镇属商贸有限公司", staff: 40, women: 20, region: area.Town);
        var foundedOn = ChinaInstant.Of(factory.Clock.GetUtcNow()).LocalDate.AddDays(-30);
        await factory.RegisteredBodyAsync($"覆盖{area.Api.Tag}重点石材妇联", area.Village, foundedOn, [keyUnit]);
    }

    [Fact]
    public async Task ADistrictOfficer_SeesEachTownBelow_WithTheLinesSummingToTheTotal_AndDrillsDownToATownAndBackUp()
    {
        var area = await AreaAsync();
        await SeedAsync(area);

        var district = await area.District.GetStringAsync($"/coverage?year={Year}");
        Assert.Contains($"<a href=\"/coverage?region={area.Town}&amp;year={Year}\">{area.TownName}</a>", district, StringComparison.Ordinal);
        var lines = Table(district, "coverage-regions");
        Assert.Equal(Column(lines.Body, "已摸排").Sum(), Assert.Single(Column(lines.Foot, "已摸排")));
        Assert.Equal(Column(lines.Body, "已建妇联").Sum(), Assert.Single(Column(lines.Foot, "已建妇联")));

        var town = await area.District.GetStringAsync($"/coverage?region={area.Town}&year={Year}");
        var rows = Rows(Table(town, "coverage-regions").Body);
        Assert.Equal([$"{area.TownName}本级", "上村", "下村"], rows.Select(r => r.Name));
        Assert.Equal(["1", "1", "0", "0", "0", "0%", "—"], rows[0].Cells[..7]);
        // Formal coverage, then effective (有效): the village's body has recorded no activity, so it covers nobody effectively yet.
        Assert.Equal(["2", "2", "1", "1", "0", "50%", "100%", "0", "0%", "未设"], rows[1].Cells[..10]);
        Assert.Equal(["0", "0", "0", "0", "0", "—", "—"], rows[2].Cells[..7]);
        Assert.Equal([3], Column(Table(town, "coverage-regions").Foot, "已摸排"));
        // The chart says what its table says.
        Assert.Contains($"<title>上村 已建妇联：1</title>", town, StringComparison.Ordinal);
        Assert.Contains($"<title>上村：100%</title>", town, StringComparison.Ordinal);
        // Breadcrumbs lead back up to the officer's own region, no further.
        Assert.Contains($"<a href=\"/coverage?region={TestRegions.District}&amp;year={Year}\">", town, StringComparison.Ordinal);
        Assert.DoesNotContain("/coverage?region=350500", town, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATarget_SetByTheDistrictForATown_ShowsOnTheTownsLine_WithHowMuchIsReached()
    {
        var area = await AreaAsync();
        await SeedAsync(area);

        var saved = await area.District.PostFormAsync($"/coverage?handler=target&region={area.Town}",
            new() { ["targetYear"] = YearText, ["bodies"] = "5", ["microHomes"] = "1" }, formPage: $"/coverage?region={area.Town}");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var district = await area.District.GetStringAsync($"/coverage?year={Year}");
        var town = Rows(Table(district, "coverage-regions").Body).Single(r => r.Name == area.TownName);
        Assert.Equal(["5", "20%"], town.Cells[^2..]);
        var trend = await area.District.GetStringAsync($"/coverage?region={area.Town}&year={Year}");
        Assert.Matches($"<th scope=\"row\" data-label=\"年份\">{Year}</th><td data-label=\"当年新建\">1</td><td data-label=\"累计已建\">1</td>\\s*<td data-label=\"年度目标\">5</td>", trend);
    }

    [Fact]
    public async Task AnotherRegion_IsRefused_ToView_AndToSetATarget_AndAnApproverIsRefusedThePage()
    {
        var area = await AreaAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await area.TownOfficer.GetAsync($"/coverage?region={TestRegions.District}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await area.TownOfficer.GetAsync($"/coverage?region={TestRegions.NeighbourTown}")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await area.TownOfficer.GetAsync("/coverage?region=东村")).StatusCode);

        var refused = await area.TownOfficer.PostFormAsync($"/coverage?handler=target&region={TestRegions.NeighbourTown}",
            new() { ["targetYear"] = YearText, ["bodies"] = "5", ["microHomes"] = "1" }, formPage: "/coverage");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var negative = await area.TownOfficer.PostFormAsync("/coverage?handler=target",
            new() { ["targetYear"] = YearText, ["bodies"] = "-5", ["microHomes"] = "1" }, formPage: "/coverage");
        Assert.Equal(HttpStatusCode.BadRequest, negative.StatusCode);
        Assert.Contains("目标数应为不小于 0 的整数", await negative.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await factory.CreateUserAsync($"cv-approver-{area.Api.Tag}", Roles.Approver, area.Town, ApproverKinds.PartyOrganization);
        var approver = await factory.SignInPageAsync($"cv-approver-{area.Api.Tag}");
        Assert.Equal(HttpStatusCode.Forbidden, (await approver.GetAsync("/coverage")).StatusCode);
        Assert.DoesNotContain("href=\"/coverage\"", await approver.GetStringAsync("/tasks"), StringComparison.Ordinal);
        Assert.Contains("href=\"/coverage\"", await area.TownOfficer.GetStringAsync("/tasks"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheExport_HoldsThePagesRowsAndColumns_InPercent_AndAnotherRegionIsRefused()
    {
        var area = await AreaAsync();
        await SeedAsync(area);
        var page = await area.District.GetStringAsync($"/coverage?region={area.Town}&year={Year}");
        Assert.Contains($"href=\"/coverage/export?region={area.Town}&amp;year={Year}\"", page, StringComparison.Ordinal);

        var response = await area.District.GetAsync($"/coverage/export?region={area.Town}&year={Year}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Workflow.Federation.Export.XlsxTable.ContentType, response.Content.Headers.ContentType?.MediaType);
        var sheet = MiniExcelLibs.MiniExcel.Query(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), useHeaderRow: true)
            .Cast<IDictionary<string, object?>>().ToList();
        var lines = Table(page, "coverage-regions");
        var rows = Rows(lines.Body);
        Assert.Equal([.. rows.Select(r => r.Name), "合计"], sheet.Select(r => r["区域"]?.ToString()));
        Assert.Equal(Column(lines.Body, "已摸排").Sum(), sheet.SkipLast(1).Sum(r => Convert.ToInt32(r["已摸排"], System.Globalization.CultureInfo.InvariantCulture)));
        var total = sheet[^1];
        Assert.Equal(Assert.Single(Column(lines.Foot, "已建妇联")), Convert.ToInt32(total["已建妇联"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains("有效覆盖率（%）", total.Keys);
        var coverage = Regex.Match(lines.Foot, "<td data-label=\"覆盖率\">([0-9.]+)%</td>").Groups[1].Value;
        Assert.Equal(double.Parse(coverage, System.Globalization.CultureInfo.InvariantCulture), Convert.ToDouble(total["覆盖率（%）"], System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(HttpStatusCode.Forbidden, (await area.TownOfficer.GetAsync($"/coverage/export?region={TestRegions.District}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await area.TownOfficer.GetAsync($"/coverage/export?region={TestRegions.NeighbourTown}")).StatusCode);
    }

    private static (string Body, string Foot) Table(string html, string id)
    {
        var table = Regex.Match(html, $"<table[^>]*id=\"{id}\"[\\s\\S]*?</table>").Value;
        return (Regex.Match(table, "<tbody>[\\s\\S]*?</tbody>").Value, Regex.Match(table, "<tfoot>[\\s\\S]*?</tfoot>").Value);
    }

    private static List<int> Column(string html, string label) =>
        [.. Regex.Matches(html, $"<td data-label=\"{label}\">(\\d+)</td>").Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))];

    private static List<(string Name, string[] Cells)> Rows(string body) =>
        [.. RowPattern().Matches(body).Select(m => (WebUtility.HtmlDecode(Regex.Replace(m.Groups[1].Value, "<[^>]+>", "")).Trim(),
            CellPattern().Matches(m.Groups[2].Value).Select(c => WebUtility.HtmlDecode(c.Groups[1].Value).Trim()).ToArray()))];

    [GeneratedRegex("<tr[^>]*>\\s*<th scope=\"row\"[^>]*>([\\s\\S]*?)</th>([\\s\\S]*?)</tr>")]
    private static partial Regex RowPattern();

    [GeneratedRegex("<td data-label=\"[^\"]*\">([^<]*)</td>")]
    private static partial Regex CellPattern();
}
