using System.Net;
using System.Text;
using Workflow.Server.Tests.Support;

namespace Workflow.Server.Tests.Pages.Admin;

/// <summary>区域: the tree shows where each region sits; a region is added under its parent, an orphan only as a new root; a CSV imports.</summary>
public sealed class RegionsPageTests(ServiceFactory factory) : IClassFixture<ServiceFactory>
{
    private async Task<HttpClient> AdminAsync()
    {
        await factory.SeedRegionsAsync();
        return await factory.SignInPageAsync("admin", ServiceFactory.AdminPassword);
    }

    [Fact]
    public async Task TheTree_NestsEachVillage_UnderItsTown_UnderTheCity()
    {
        var admin = await AdminAsync();

        var page = await admin.GetStringAsync("/admin/regions");

        Assert.Matches($"id=\"region-{TestRegions.District}\">[\\s\\S]*?<ul>[\\s\\S]*?id=\"region-{TestRegions.Town}\">[\\s\\S]*?<ul>[\\s\\S]*?id=\"region-{TestRegions.Village}\"", page);
        Assert.Contains("乡镇街道</span> 官桥镇", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARegionIsAddedUnderItsParent_AndAnOrphanIsRefusedUnlessANewRootIsAsked()
    {
        var admin = await AdminAsync();
        var code = TestRegions.Town + "2" + Random.Shared.Next(10, 99);

        var added = await admin.PostFormAsync("/admin/regions?handler=add", new() { ["Code"] = code, ["Name"] = "新村社区" }, formPage: "/admin/regions");
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        Assert.Matches($"id=\"region-{TestRegions.Town}\">[\\s\\S]*?id=\"region-{code}\"", await added.Content.ReadAsStringAsync());

        var orphan = await admin.PostFormAsync("/admin/regions?handler=add", new() { ["Code"] = "370102", ["Name"] = "历下区" }, formPage: "/admin/regions");
        Assert.Equal(HttpStatusCode.BadRequest, orphan.StatusCode);
        Assert.Contains("上级区域 370100 尚未建立", await orphan.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"region-370102\"", await admin.GetStringAsync("/admin/regions"), StringComparison.Ordinal);

        var root = await admin.PostFormAsync("/admin/regions?handler=add", new() { ["Code"] = "370102", ["Name"] = "历下区", ["NewRoot"] = "true" }, formPage: "/admin/regions");
        Assert.Equal(HttpStatusCode.OK, root.StatusCode);
        Assert.Contains("id=\"region-370102\"", await root.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACsvOfRegions_Imports_AndABadLineRefusesTheWholeFile()
    {
        var admin = await AdminAsync();
        var suffix = Random.Shared.Next(100, 999);
        var csv = $"代码,名称\n{TestRegions.NeighbourTown}{suffix},溪口村\n";

        var bad = await admin.PostFileAsync("/admin/regions?handler=import", "/admin/regions", "regions.csv", Encoding.UTF8.GetBytes(csv + "12345,坏代码\n"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("line 3", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var good = await admin.PostFileAsync("/admin/regions?handler=import", "/admin/regions", "regions.csv", Encoding.UTF8.GetBytes(csv));
        var page = await good.Content.ReadAsStringAsync();
        Assert.Contains("新增 1 个", page, StringComparison.Ordinal);
        Assert.Matches($"id=\"region-{TestRegions.NeighbourTown}\">[\\s\\S]*?id=\"region-{TestRegions.NeighbourTown}{suffix}\"", page);
    }
}
