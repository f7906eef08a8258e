using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Workflow.Server.Accounts;
using Workflow.Server.Tests.Support;

namespace Workflow.Server.Tests.Regions;

/// <summary>The whole administrative tree: a region attaches to the parent its code names, and a new root is only made on purpose.</summary>
public sealed class RegionTreeTests
{
    [Fact]
    public async Task ACityAboveTheStartingDistrict_IsRefusedWithAChineseReason_UnlessTheAdminAsksForANewRoot_ThenTheDistrictJoinsIt()
    {
        await using var factory = new ServiceFactory();
        var admin = await factory.AdminAsync();

        var refused = await (await admin.PostAsJsonAsync("/api/admin/regions", new { code = "350500", name = "泉州市" })).AssertProblemAsync(400, "validation");
        Assert.StartsWith("上级区域 350000 尚未建立", (string?)refused["errors"]!["code"]![0], StringComparison.Ordinal);
        var province = await (await admin.PostAsJsonAsync("/api/admin/regions", new { code = "370000", name = "山东省" })).AssertProblemAsync(400, "validation");
        Assert.Contains("是省级区域", (string?)province["errors"]!["code"]![0], StringComparison.Ordinal);
        Assert.DoesNotContain(await RegionsAsync(admin), r => (string?)r["code"] is "350500" or "370000");

        var created = await admin.PostAsJsonAsync("/api/admin/regions", new { code = "350500", name = "泉州市", newRoot = true });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var tree = await RegionsAsync(admin);
        Assert.Equal((null, "city"), ((string?)tree.Single(r => (string?)r["code"] == "350500")["parentCode"], (string?)tree.Single(r => (string?)r["code"] == "350500")["level"]));
        // 南安市, the district the service started with, is now a county of 泉州市: one tree, not two.
        Assert.Equal(("350500", "district"), ((string?)tree.Single(r => (string?)r["code"] == TestRegions.District)["parentCode"], (string?)tree.Single(r => (string?)r["code"] == TestRegions.District)["level"]));
    }

    [Fact]
    public async Task ProvinceToVillage_ImportsAsOneTree_AndACityOfficerSeesHerCountiesTownsAndVillages_ButNotTheNextCity()
    {
        await using var factory = new ServiceFactory();
        var admin = await factory.AdminAsync();
        var csv = Encoding.UTF8.GetBytes("代码,名称\n370000,山东省\n371500,聊城市\n371502,东昌府区\n371502001,古楼街道\n371502001001,古楼社区\n371600,滨州市\n");

        var noRoot = await admin.PostAsync("/api/admin/regions/import", new ByteArrayContent(csv));
        Assert.Equal(HttpStatusCode.BadRequest, noRoot.StatusCode);
        var imported = await (await admin.PostAsync("/api/admin/regions/import?newRoot=true", new ByteArrayContent(csv))).ReadObjectAsync();

        Assert.Equal(6, (int)imported["created"]!);
        var tree = await RegionsAsync(admin);
        Assert.Equal([("371500", "370000", "city"), ("371502", "371500", "district"), ("371502001", "371502", "township"), ("371502001001", "371502001", "village")],
            tree.Where(r => ((string)r["code"]!).StartsWith("3715", StringComparison.Ordinal))
                .Select(r => ((string)r["code"]!, (string?)r["parentCode"], (string)r["level"]!)));
        await factory.CreateUserAsync("lc-city-officer", Roles.Officer, "371500");
        var cityOfficer = await factory.SignInAsync("lc-city-officer");
        Assert.Equal(["371500", "371502", "371502001", "371502001001"], (await RegionsAsync(cityOfficer)).Select(r => (string)r["code"]!));
    }

    private static async Task<List<JsonObject>> RegionsAsync(HttpClient client) =>
        [.. ((JsonArray)JsonNode.Parse(await client.GetStringAsync("/api/regions"))!).Select(r => (JsonObject)r!)];
}
