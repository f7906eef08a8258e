using System.Text;
using Microsoft.EntityFrameworkCore;
using Workflow.Federation.Import;
using Workflow.Federation.Ledger;
using Workflow.Federation.Regions;
using Workflow.Federation.Tests.Support;

namespace Workflow.Federation.Tests.Import;

public sealed class LedgerImporterTests : FederationTest
{
    private Guid _campaign;

    protected override ImportOptions ImportLimits { get; } = new() { MaxFileBytes = 64 * 1024, MaxRows = 20 };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _campaign = await OpenCampaignAsync();
    }

    private static FileStream Data(string file) => File.OpenRead(Path.Combine(AppContext.BaseDirectory, "Data", file));

    private async Task<ImportReport> ImportAsync(string file, bool dryRun = false)
    {
        await using var stream = Data(file);
        return dryRun
            ? await Host.Importer.CheckAsync(stream, file, _campaign, "officer")
            : await Host.Importer.ImportAsync(stream, file, _campaign, "officer");
    }

    private async Task<ImportReport> ImportTextAsync(string csv, string fileName = "ledger.csv") =>
        await Host.Importer.ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv)), fileName, _campaign, "officer");

    private async Task<List<OrganizationRow>> OrganizationsAsync()
    {
        await using var db = await Host.DbAsync();
        return await db.Organizations.OrderBy(o => o.Name).ToListAsync();
    }

    [Fact]
    public async Task AnExcelWorkbook_IsImported_WithEveryRow()
    {
        var report = await ImportAsync("ledger.xlsx");
        Assert.True(report.Imported, report.Summary.ZhCn);
        Assert.Equal(("xlsx", 12, 12, 0), (report.Format, report.RowsRead, report.Created, report.Updated));
        var organizations = await OrganizationsAsync();
        var riders = organizations.Single(o => o.Name == "美团外卖南安站骑手");
        Assert.Equal(("350583001", OrganizationKind.WorkerGroup, Sector.NewEmployment, 9), (riders.RegionCode, riders.Kind, riders.Sector, riders.WomenCount));
        var association = organizations.Single(o => o.Name == "南安市女企业家协会");
        Assert.True(association.IsWomensOrganization);
        Assert.Equal(OperatingStatus.Suspended, organizations.Single(o => o.Name == "南安市溪美电子商务有限公司").OperatingStatus);
    }

    [Fact]
    public async Task AGb18030Csv_IsDetectedAndImported_WithoutAsking()
    {
        var report = await ImportAsync("ledger-gb18030.csv");
        Assert.True(report.Imported, string.Join("\n", report.Problems));
        Assert.Equal(("csv", "GB18030", 6), (report.Format, report.Encoding, report.Created));
        var names = (await OrganizationsAsync()).Select(o => o.Name).ToList();
        Assert.Contains("𠮷祥水暖配件商行", names);
        Assert.Contains("南安市仑苍喆盛阀门厂", names);
        Assert.Contains("“滴姐”爱心接送车队", names);
    }

    [Fact]
    public async Task AUtf8CsvWithBom_AndEnglishHeadings_IsImported_AndUnknownColumnsAreListed()
    {
        var report = await ImportAsync("ledger-utf8-bom.csv");
        Assert.True(report.Imported, string.Join("\n", report.Problems));
        Assert.Equal(("UTF-8 (BOM)", 4), (report.Encoding, report.Created));
        var ignored = Assert.Single(report.IgnoredColumns);
        Assert.Equal(("M", "Remarks"), (ignored.Column, ignored.Heading));
        Assert.Equal(PartyOrganizationStatus.Own, (await OrganizationsAsync()).Single(o => o.Name == "三安光电南安分公司").PartyOrganization);
    }

    [Fact]
    public async Task ADryRun_ReportsEveryBadRow_WithExcelRowColumnAndReason_AndWritesNothing()
    {
        var report = await ImportAsync("ledger-bad-rows.csv", dryRun: true);

        Assert.False(report.Imported);
        Assert.Equal(14, report.RowsRead); // 15 lines after the heading, one of them blank
        var byRow = report.Problems.ToLookup(p => p.Row);
        void Expect(int row, string column, string code) =>
            Assert.True(byRow[row].Any(p => p.Column == column && p.Reason.Code == code), $"row {row}: {string.Join("; ", byRow[row])}");
        Expect(3, "B", "credit-code.check-character");
        Expect(4, "A", "garbled.pinyin-annotation");
        Expect(5, "A", "garbled.question-mark");
        Expect(6, "G", "garbled.replacement-character");
        Expect(7, "A", "garbled.utf8-as-latin1");
        Expect(8, "H", "count.negative");
        Expect(9, "I", OrganizationRules.WomenAboveStaff);
        Expect(10, "C", "value.unknown");
        Expect(11, "E", "region.empty");
        Expect(12, "B", "import.duplicate-row");
        Expect(14, "B", OrganizationRules.CreditCodeRequired);
        Expect(15, "E", "campaign.outside-region");
        Expect(16, "H", "value.not-a-number");
        Assert.Empty(byRow[2]);
        Assert.Empty(byRow[13]);
        Assert.Contains("校验位应为", byRow[3].Single().Reason.ZhCn, StringComparison.Ordinal);
        Assert.Empty(await OrganizationsAsync());
    }

    [Fact]
    public async Task AnImportWithOneBadRow_WritesNothing()
    {
        var report = await ImportAsync("ledger-bad-rows.csv");
        Assert.False(report.Imported);
        Assert.Equal("import.bad-rows", report.Summary.Code);
        Assert.Empty(await OrganizationsAsync());
        await using var db = await Host.DbAsync();
        Assert.Empty(await db.SurveyRecords.ToListAsync());
    }

    [Fact]
    public async Task ADryRunOfAGoodFile_SaysWhatWouldHappen_AndWritesNothing()
    {
        var report = await ImportAsync("ledger.xlsx", dryRun: true);
        Assert.Equal((false, 12, 0, "import.checked"), (report.Imported, report.Created, report.Updated, report.Summary.Code));
        Assert.Empty(await OrganizationsAsync());
    }

    [Fact]
    public async Task ImportingAgain_ReSurveysTheSameOrganizations_AndKeepsTheirHistory()
    {
        await ImportAsync("ledger.xlsx");
        Host.Clock.Now = FederationHost.Start.AddMonths(3);
        var second = await Host.Ledger.OpenCampaignAsync(new NewSurveyCampaign("2027年复查", "350583"), "officer-2");
        await using (var stream = Data("ledger.xlsx"))
        {
            var report = await Host.Importer.ImportAsync(stream, "ledger.xlsx", second.Id, "officer-2");
            Assert.Equal((0, 12), (report.Created, report.Updated));
        }
        var organizations = await OrganizationsAsync();
        Assert.Equal(12, organizations.Count);
        var riders = organizations.Single(o => o.Name == "美团外卖南安站骑手");
        Assert.Equal((2, second.Id, "officer-2"), (riders.Revision, riders.LastCampaignId, riders.UpdatedBy));
        var history = await Host.Ledger.GetHistoryAsync(riders.Id);
        Assert.Equal(["officer", "officer-2"], history.Select(h => h.RecordedBy));
        Assert.Equal("import:ledger.xlsx", history[1].Source);
        Assert.Empty(history[1].Changes);
    }

    [Fact]
    public async Task ImportedRows_ReadBackThroughTheLedgerService()
    {
        await ImportAsync("ledger.xlsx");
        var page = await Host.Ledger.QueryOrganizationsAsync(new LedgerQuery(RegionCode.Parse("350583105"), Kind: OrganizationKind.Enterprise));
        Assert.Equal(["弘一石材贸易有限公司", "福建省弘一石业有限公司", "南安市霞美五金制品厂", "阳光中科（福建）能源股份有限公司"], page.Items.Select(o => o.Facts.Name));
        var organization = await Host.Ledger.GetOrganizationAsync(page.Items[1].Id);
        Assert.Equal((FederationHost.Start, 1, true), (organization.CreatedAt, organization.Revision, organization.IsKeyUnit));
    }

    [Fact]
    public async Task AFileOverTheSizeLimit_IsRefused()
    {
        var report = await Host.Importer.ImportAsync(new MemoryStream(new byte[65 * 1024]), "big.csv", _campaign, "officer");
        Assert.Equal("import.file-too-large", report.Refusal?.Code);
        Assert.Contains("64 KB", report.Refusal!.ZhCn, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MoreRowsThanTheLimit_AreRefused()
    {
        var csv = new StringBuilder("单位名称,领域,类型,所在区域代码,从业人员数,女职工数,党组织情况,经营状态\n");
        for (var i = 0; i < 21; i++) csv.Append(Row(i)).Append('\n');
        var report = await ImportTextAsync(csv.ToString());
        Assert.Equal("import.too-many-rows", report.Refusal?.Code);
        Assert.Empty(await OrganizationsAsync());

        static string Row(int i) => $"骑手群体{i},新就业群体,新就业群体,350583001,10,2,无,在营";
    }

    [Fact]
    public async Task AnOldXlsFile_IsRefusedWithAdvice()
    {
        var report = await Host.Importer.ImportAsync(new MemoryStream([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]), "ledger.xls", _campaign, "officer");
        Assert.Equal("import.xls", report.Refusal?.Code);
        Assert.Contains(".xlsx", report.Refusal!.ZhCn, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACsvFileNamedAsAWorkbook_IsReadAsCsv()
    {
        var report = await ImportTextAsync("单位名称,领域,类型,所在区域代码,从业人员数,女职工数,党组织情况,经营状态\n骑手群体,新就业群体,新就业群体,350583001,10,2,无,在营\n", "ledger.xlsx");
        Assert.True(report.Imported, report.Refusal?.En);
        Assert.Equal("csv", report.Format);
    }

    [Fact]
    public async Task ADamagedWorkbook_IsRefused_NotThrown()
    {
        var report = await Host.Importer.ImportAsync(new MemoryStream([.. "PK\x03\x04"u8, .. new byte[200]]), "ledger.xlsx", _campaign, "officer");
        Assert.Equal("import.unreadable", report.Refusal?.Code);
    }

    [Fact]
    public async Task MissingRequiredColumns_AreRefused_NamingThem()
    {
        var report = await ImportTextAsync("单位名称,领域\n某公司,新经济组织\n");
        Assert.Equal("import.missing-columns", report.Refusal?.Code);
        Assert.Contains("女职工数", report.Refusal!.ZhCn, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HeadingsWithUnitsAndFullWidthBrackets_AreRecognised()
    {
        var report = await ImportTextAsync("\uFEFF单位名称,领域,类型,所在区域代码,从业人员数（人）,女职工数（人）,党组织情况,经营状态\n骑手群体,新就业,群体,350583001,\"1,200\",12,无,正常经营\n");
        Assert.True(report.Imported, string.Join("\n", report.Problems));
        Assert.Equal(1200, (await OrganizationsAsync()).Single().StaffCount);
    }

    [Fact]
    public async Task AnEmptyFile_IsRefused() =>
        Assert.Equal("import.empty", (await ImportTextAsync("\n\n")).Refusal?.Code);

    [Fact]
    public async Task AClosedCampaign_RefusesTheImport()
    {
        await Host.Ledger.CloseCampaignAsync(_campaign, "officer");
        Assert.Equal("campaign.closed", (await ImportAsync("ledger.xlsx")).Refusal?.Code);
    }

    [Fact]
    public async Task AnOrganizationRegisteredInAnotherRegion_IsNotTakenOverByThisCampaign()
    {
        var elsewhere = await OpenCampaignAsync("350582", "晋江摸排");
        await AddAsync(Organizations.Enterprise(region: "350582100001"), elsewhere);
        var code = Organizations.CreditCodeFor(1);
        var report = await ImportTextAsync($"单位名称,统一社会信用代码,领域,类型,所在区域代码,从业人员数,女职工数,党组织情况,经营状态\n弘一石业,{code},新经济组织,企业,350583105001,10,2,无,在营\n");
        Assert.Equal("import.registered-elsewhere", Assert.Single(report.Problems).Reason.Code);
    }
}
