using System.Globalization;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using Workflow.Federation.Ledger;
using Workflow.Federation.Regions;
using Workflow.Federation.Rosters;
using Workflow.Federation.Tests.Support;

namespace Workflow.Federation.Tests.Export;

public sealed class LedgerExporterTests : FederationTest
{
    private Guid _campaign;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _campaign = await OpenCampaignAsync();
    }

    private static List<IDictionary<string, object?>> Read(MemoryStream xlsx)
    {
        xlsx.Position = 0;
        return [.. xlsx.Query(useHeaderRow: true, excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>()];
    }

    [Fact]
    public async Task TheLedger_IsExportedWithChineseHeadings_AndCodesAsText()
    {
        await AddAsync(Organizations.Enterprise(), _campaign);
        var xlsx = new MemoryStream();
        await Host.Exporter.ExportLedgerAsync(xlsx, new LedgerQuery(RegionCode.Parse("350583")));

        var row = Assert.Single(Read(xlsx));
        Assert.Equal(LedgerFields.All.Select(f => f.ZhCn), row.Keys);
        Assert.Equal(Organizations.CreditCodeFor(1), row["统一社会信用代码"]);
        Assert.Equal("新经济组织", row["领域"]);
        Assert.Equal("单独组建", row["党组织情况"]);
        Assert.Equal(120d, row["女职工数"]);
    }

    [Fact]
    public async Task TheLedger_CanBeExportedInEnglish()
    {
        await AddAsync(Organizations.Riders(), _campaign);
        var xlsx = new MemoryStream();
        await Host.Exporter.ExportLedgerAsync(xlsx, new LedgerQuery(RegionCode.Parse("350583")), CultureInfo.GetCultureInfo("en"));
        var row = Assert.Single(Read(xlsx));
        Assert.Equal(("New employment group", "Operating"), (row["Sector"], row["Operating status"]));
    }

    [Fact]
    public async Task AnExportedLedger_ImportsAgainUnchanged()
    {
        await using (var file = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "Data", "ledger.xlsx")))
            Assert.True((await Host.Importer.ImportAsync(file, "ledger.xlsx", _campaign, "officer")).Imported);
        var before = await FactsAsync();

        var xlsx = new MemoryStream();
        await Host.Exporter.ExportLedgerAsync(xlsx, new LedgerQuery(RegionCode.Parse("350583")));
        xlsx.Position = 0;
        var report = await Host.Importer.ImportAsync(xlsx, "export.xlsx", _campaign, "officer");

        Assert.True(report.Imported, string.Join("\n", report.Problems));
        Assert.Equal((0, 12), (report.Created, report.Updated));
        Assert.Equal(before, await FactsAsync());
    }

    [Fact]
    public async Task AnEmptyRegion_ExportsTheHeadingsAlone_AsATemplate()
    {
        var xlsx = new MemoryStream();
        await Host.Exporter.ExportLedgerAsync(xlsx, new LedgerQuery(RegionCode.Parse("350583")));
        xlsx.Position = 0;
        var heading = (IDictionary<string, object?>)xlsx.Query(useHeaderRow: false, excelType: ExcelType.XLSX).First();
        Assert.Equal(LedgerFields.All.Select(f => f.ZhCn), heading.Values);
    }

    [Fact]
    public async Task TheExemplarRoster_IsExportedWithHonourAndYear()
    {
        var organization = await AddAsync(Organizations.Enterprise(), _campaign);
        await Host.Rosters.AddAsync(Roster.Exemplars, organization, new RosterEntryInput("林秀英", "车间主任", "13905951234", Honour: "泉州市三八红旗手", Year: 2025), "officer");
        await Host.Rosters.AddAsync(Roster.Women, organization, new RosterEntryInput("陈美玲", "财务"), "officer");

        var exemplars = new MemoryStream();
        await Host.Exporter.ExportRosterAsync(exemplars, Roster.Exemplars, RegionCode.Parse("350583"));
        var row = Assert.Single(Read(exemplars));
        Assert.Equal(["姓名", "所在单位", "统一社会信用代码", "所在区域代码", "职务", "联系电话", "荣誉", "年度", "备注"], row.Keys);
        Assert.Equal(("林秀英", "福建省弘一石业有限公司", "泉州市三八红旗手", 2025d), (row["姓名"], row["所在单位"], row["荣誉"], row["年度"]));

        var women = new MemoryStream();
        await Host.Exporter.ExportRosterAsync(women, Roster.Women, RegionCode.Parse("350583"));
        var woman = Assert.Single(Read(women));
        Assert.DoesNotContain("荣誉", woman.Keys);
        Assert.Equal("陈美玲", woman["姓名"]);
    }

    private async Task<List<OrganizationFacts>> FactsAsync()
    {
        await using var db = await Host.DbAsync();
        return [.. (await db.Organizations.OrderBy(o => o.Name).ToListAsync()).Select(o => o.ToFacts())];
    }
}
