using System.Text;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using Workflow.Federation.Import;
using Workflow.Federation.Ledger;
using Workflow.Federation.Tests.Support;

namespace Workflow.Federation.Tests.Import;

/// <summary>Sheets as officers keep them: written by another library, their own headings, town names instead of codes, 是/否.</summary>
public sealed class OfficerSheetTests : FederationTest
{
    private const string Town = "350583102";
    private Guid _campaign;

    // 东村 is a village of two towns: its name alone does not say which.
    private static readonly ImportSettings Names = new(null,
    [
        new RegionName(Town, "霞美镇"), new RegionName("350583102201", "东村"),
        new RegionName("350583103", "官桥镇"), new RegionName("350583103201", "东村"),
        new RegionName("350581101", "石狮镇"),
    ]);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _campaign = await OpenCampaignAsync();
    }

    private static Dictionary<string, object> Row(string name, string code, string kind, string region, int women, string party) => new()
    {
        ["单位名称"] = name, ["统一社会信用代码"] = code, ["领域"] = "新经济组织", ["单位类型"] = kind, ["所属区域"] = region,
        ["从业人员数"] = 100, ["女性从业人员数"] = women, ["是否建立党组织"] = party,
    };

    private static MemoryStream Workbook(params Dictionary<string, object>[] rows)
    {
        var stream = new MemoryStream();
        stream.SaveAs(rows, excelType: ExcelType.XLSX);
        stream.Position = 0;
        return stream;
    }

    private static MemoryStream Csv(string text) => new(Encoding.UTF8.GetBytes(text));

    private async Task<List<OrganizationRow>> OrganizationsAsync()
    {
        await using var db = await Host.DbAsync();
        return await db.Organizations.OrderBy(o => o.Name).ToListAsync();
    }

    [Fact]
    public async Task AMiniExcelWorkbook_WithOfficersHeadings_TownNames_AndYesNo_IsImported_AsOperating()
    {
        var file = Workbook(
            Row("南安市霞美光电有限公司", Organizations.CreditCodeFor(11), "企业", "霞美镇", 40, "是"),
            Row("南安市霞美石材有限公司", Organizations.CreditCodeFor(12), "企业", Town, 30, "否"));

        var report = await Host.Importer.ImportAsync(file, "officer.xlsx", _campaign, "officer", Names);

        Assert.True(report.Imported, report.Summary.ZhCn + string.Join("\n", report.Problems));
        var rows = await OrganizationsAsync();
        Assert.All(rows, o => Assert.Equal((Town, OperatingStatus.Operating), (o.RegionCode, o.OperatingStatus)));
        Assert.Equal([PartyOrganizationStatus.Own, PartyOrganizationStatus.None], rows.Select(o => o.PartyOrganization));
        Assert.Equal([40, 30], rows.Select(o => o.WomenCount));
    }

    [Fact]
    public async Task ACsv_WithYN_AndAMappedHeading_Imports_AndTheMappingIsSuggestedForTheNextFile()
    {
        const string heading = "单位名称,统一社会信用代码,领域,单位类型,镇街,从业人员数,女性从业人员数,有无党组织\n";
        var csv = heading + $"南安市霞美光电有限公司,{Organizations.CreditCodeFor(21)},新经济组织,企业,霞美镇,100,40,Y\n";
        var mapping = new ColumnMapping(new Dictionary<string, string> { ["regionCode"] = "镇街" });

        var report = await Host.Importer.ImportAsync(Csv(csv), "officer.csv", _campaign, "officer", Names with { Mapping = mapping });

        Assert.True(report.Imported, report.Summary.ZhCn + string.Join("\n", report.Problems));
        Assert.Equal(PartyOrganizationStatus.Own, (await OrganizationsAsync()).Single().PartyOrganization);
        var next = await Host.Importer.SuggestAsync(Csv(heading), _campaign);
        Assert.True(next.Remembered);
        Assert.Equal("镇街", next.Mapping["regionCode"]);
        Assert.Equal("女性从业人员数", next.Mapping["womenCount"]);
        Assert.Equal("有无党组织", next.Mapping["partyOrganization"]);
    }

    [Fact]
    public async Task WithoutAMapping_AnUnknownRegionHeading_IsNotSuggested_ButTheSynonymsAre()
    {
        var suggestion = await Host.Importer.SuggestAsync(Csv("单位全称,单位类型,所属区域,女性从业人员数,是否建立党组织,备注\n"), _campaign);

        Assert.False(suggestion.Remembered);
        Assert.Equal(new Dictionary<string, string>
        {
            ["name"] = "单位全称", ["kind"] = "单位类型", ["regionCode"] = "所属区域", ["womenCount"] = "女性从业人员数", ["partyOrganization"] = "是否建立党组织",
        }, suggestion.Mapping);
        Assert.Equal(("F", "备注"), (suggestion.Columns[5].Column, suggestion.Columns[5].Heading));
    }

    [Fact]
    public async Task AnAmbiguousVillage_AnUnknownTown_AndGarbageInTheYesNoColumn_AreRowErrors_WithColumnAndReason()
    {
        var file = Workbook(
            Row("南安市东村光电有限公司", Organizations.CreditCodeFor(31), "企业", "东村", 40, "是"),
            Row("南安市石狮石材有限公司", Organizations.CreditCodeFor(32), "企业", "石狮镇", 30, "否"),
            Row("南安市霞美石材有限公司", Organizations.CreditCodeFor(33), "企业", "霞美镇", 30, "也许"));

        var report = await Host.Importer.CheckAsync(file, "officer.xlsx", _campaign, "officer", Names);

        Assert.Equal(
        [
            (2, "E", "regionCode", "region.ambiguous-name"),
            (3, "E", "regionCode", "region.unknown-name"),
            (4, "H", "partyOrganization", "value.unknown"),
        ], report.Problems.Select(p => (p.Row, p.Column, p.Field, p.Reason.Code)));
        Assert.Contains("350583102201", report.Problems[0].Reason.ZhCn);
        Assert.Contains("350583103201", report.Problems[0].Reason.ZhCn);
        Assert.Empty(await OrganizationsAsync());
    }

    [Fact]
    public async Task AMappingToAColumnTheFileLacks_RefusesTheFile_SayingWhich()
    {
        var mapping = new ColumnMapping(new Dictionary<string, string> { ["regionCode"] = "镇街" });
        var report = await Host.Importer.CheckAsync(Csv("单位名称,领域,单位类型,所属区域,从业人员数,女性从业人员数,是否建立党组织\n"), "officer.csv", _campaign, "officer",
            Names with { Mapping = mapping });

        Assert.Equal("import.mapping-column-missing", report.Refusal?.Code);
        Assert.Contains("镇街", report.Refusal!.ZhCn);
    }
}
