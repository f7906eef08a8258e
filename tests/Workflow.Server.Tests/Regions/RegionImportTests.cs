using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Workflow.Server.Tests.Support;

namespace Workflow.Server.Tests.Regions;

public sealed class RegionImportTests(ServiceFactory factory) : IClassFixture<ServiceFactory>
{
    [Fact]
    public async Task AGb18030CsvFromExcel_ImportsWithItsChineseNames()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var csv = Encoding.GetEncoding("GB18030").GetBytes("代码,名称\r\n350583106,石井镇\r\n350583106201,石井村\r\n");
        var admin = await factory.AdminAsync();
        var response = await admin.PostAsync("/api/admin/regions/import", new ByteArrayContent(csv));
        var result = await response.ReadObjectAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, (int)result["created"]!);

        var tree = (JsonArray)JsonNode.Parse(await admin.GetStringAsync("/api/regions?under=350583106"))!;
        Assert.Equal(["石井镇", "石井村"], tree.Select(r => (string)r!["name"]!));
        Assert.Equal("350583106", (string?)tree[1]!["parentCode"]);
    }

    [Fact]
    public async Task AFileWithOneBadRow_ImportsNothing_AndNamesTheLine()
    {
        var csv = Encoding.UTF8.GetBytes("350583107,英都镇\n3505831079,坏代码\n350583999201,无上级\n");
        var admin = await factory.AdminAsync();
        var problem = await (await admin.PostAsync("/api/admin/regions/import", new ByteArrayContent(csv))).AssertProblemAsync(400, "validation");
        Assert.NotNull(problem["errors"]!["line 2"]);
        Assert.NotNull(problem["errors"]!["line 3"]);
        var tree = (JsonArray)JsonNode.Parse(await admin.GetStringAsync("/api/regions?under=350583107"))!;
        Assert.Empty(tree);
    }

    [Fact]
    public async Task GarbledNames_AreRefused()
    {
        var csv = Encoding.UTF8.GetBytes("350583108,æ°´å¤´é•‡\n");
        var admin = await factory.AdminAsync();
        await (await admin.PostAsync("/api/admin/regions/import", new ByteArrayContent(csv))).AssertProblemAsync(400, "validation");
    }

    [Fact]
    public async Task AnImportWithoutAFile_IsAProblem()
    {
        var admin = await factory.AdminAsync();
        var problem = await (await admin.PostAsync("/api/admin/regions/import", new ByteArrayContent([]))).AssertProblemAsync(400, "validation");
        Assert.NotNull(problem["errors"]!["file"]);
    }

    [Fact]
    public async Task AWorkbook_IsRefusedWithAdvice_JudgedByItsContent()
    {
        var admin = await factory.AdminAsync();
        var problem = await (await admin.PostAsync("/api/admin/regions/import", new ByteArrayContent([.. "PK\x03\x04"u8, .. new byte[64]]))).AssertProblemAsync(400, "validation");
        Assert.Contains("CSV", (string?)problem["errors"]!["file"]![0], StringComparison.Ordinal);
    }
}
