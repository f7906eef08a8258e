using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Workflow.Server.Tests.Support;

namespace Workflow.Server.Tests.Ledger;

/// <summary>An import that is refused, dry run or not, is a problem with the rows to correct; a clean one is a report.</summary>
public sealed class LedgerImportTests(ServiceFactory factory) : IClassFixture<ServiceFactory>
{
    private const string Heading = "单位名称,领域,类型,所在区域代码,从业人员数,女职工数,党组织情况,经营状态\n";

    private async Task<(HttpClient Admin, string Campaign)> CampaignAsync()
    {
        var admin = await factory.AdminAsync();
        var response = await admin.PostAsJsonAsync("/api/campaigns", new { name = "摸排 " + Guid.NewGuid().ToString("N")[..6], regionCode = TestRegions.District });
        var campaign = await response.ReadObjectAsync();
        Assert.True(response.IsSuccessStatusCode, campaign.ToJsonString());
        return (admin, (string)campaign["id"]!);
    }

    private static ByteArrayContent Csv(string text) => new(Encoding.UTF8.GetBytes(text));

    [Fact]
    public async Task ADryRunWithABadRow_IsAProblemListingTheRow()
    {
        var (admin, campaign) = await CampaignAsync();
        var response = await admin.PostAsync($"/api/campaigns/{campaign}/import?fileName=ledger.csv&dryRun=true", Csv(Heading + "骑手群体,新就业群体,新就业群体,350583001,十,2,无,在营\n"));
        var problem = await response.AssertProblemAsync(422, "import-invalid-rows");
        Assert.True((bool)problem["dryRun"]!);
        Assert.Equal(2, (int)((JsonArray)problem["problems"]!)[0]!["row"]!);
    }

    [Fact]
    public async Task ARefusedFile_IsAProblemSayingWhy()
    {
        var (admin, campaign) = await CampaignAsync();
        var problem = await (await admin.PostAsync($"/api/campaigns/{campaign}/import?fileName=ledger.csv", Csv("\n\n"))).AssertProblemAsync(422, "import-refused");
        Assert.Equal("import.empty", (string?)problem["refusal"]!["code"]);
    }

    [Fact]
    public async Task ACsvNamedAsAWorkbook_IsImportedAsCsv()
    {
        var (admin, campaign) = await CampaignAsync();
        var response = await admin.PostAsync($"/api/campaigns/{campaign}/import?fileName=ledger.xlsx", Csv(Heading + "骑手群体,新就业群体,新就业群体,350583001,10,2,无,在营\n"));
        var report = await response.ReadObjectAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("csv", (string?)report["format"]);
        Assert.True((bool)report["imported"]!);
    }

    [Fact]
    public async Task AnOfficersSheet_WithAMappingAndATownName_Imports_AndTheMappingIsSuggestedNext()
    {
        await factory.SeedRegionsAsync();
        var (admin, campaign) = await CampaignAsync();
        const string heading = "单位名称,领域,单位类型,镇街,从业人员数,女性从业人员数,是否建立党组织\n";
        using var form = new MultipartFormDataContent
        {
            { Csv(heading + "官桥骑手群体,新就业群体,新就业群体,官桥镇,10,2,否\n"), "file", "officer.csv" },
            { new StringContent("{\"regionCode\":\"镇街\"}"), "mapping" },
        };

        var response = await admin.PostAsync($"/api/campaigns/{campaign}/import", form);

        var report = await response.ReadObjectAsync();
        Assert.True(response.IsSuccessStatusCode, report.ToJsonString());
        Assert.Equal(1, (int)report["created"]!);
        using var next = new MultipartFormDataContent { { Csv(heading), "file", "next.csv" } };
        var suggestion = await (await admin.PostAsync($"/api/campaigns/{campaign}/import/columns", next)).ReadObjectAsync();
        Assert.Equal("镇街", (string?)suggestion["mapping"]!["regionCode"]);
        Assert.True((bool)suggestion["remembered"]!);
    }

    [Fact]
    public async Task AMappingThatIsNotJson_IsABadRequestNamingTheParameter()
    {
        var (admin, campaign) = await CampaignAsync();
        var response = await admin.PostAsync($"/api/campaigns/{campaign}/import?fileName=ledger.csv&mapping=regionCode", Csv(Heading));
        var problem = await response.AssertProblemAsync(400, "validation");
        Assert.Contains("mapping", problem.ToJsonString());
    }
}
