using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Workflow.Server.Accounts;
using Workflow.Server.Tests.Support;

namespace Workflow.Server.Tests.Bodies;

/// <summary>The registry is read a screen at a time by cursor, so a city's thousand bodies are all reachable, in the API and on the bodies page.</summary>
public sealed partial class RegistryPagingTests(ServiceFactory factory) : IClassFixture<ServiceFactory>
{
    [Fact]
    public async Task TheBodiesList_PagesByCursor_ThroughEveryBodyOfTheRegion_AndNoNeighboursBody()
    {
        await factory.SeedRegionsAsync();
        var names = Enumerable.Range(1, 5).Select(i => $"翻页测试{i}号妇联").ToList();
        foreach (var name in names) await factory.RegisteredBodyAsync(name);
        await factory.RegisteredBodyAsync("区级翻页测试妇联", regionCode: TestRegions.District);
        await factory.CreateUserAsync("rp-officer", Roles.Officer, TestRegions.Town);
        var officer = await factory.SignInAsync("rp-officer");

        var seen = new List<string>();
        string? after = null;
        var screens = 0;
        do
        {
            var slice = await (await officer.GetAsync($"/api/bodies?size=2{(after is null ? "" : "&after=" + Uri.EscapeDataString(after))}")).ReadObjectAsync();
            Assert.Equal(5, (int)slice["total"]!);
            seen.AddRange(((JsonArray)slice["items"]!).Select(b => (string)b!["name"]!));
            after = (string?)slice["next"];
            screens++;
        }
        while (after is not null && screens < 10);

        Assert.Equal(3, screens);
        Assert.Equal(names.Order(StringComparer.Ordinal), seen);
    }

    [Fact]
    public async Task TheBodiesPage_LinksToTheNextScreen_WhenThereAreMoreBodiesThanFitOnOne()
    {
        await factory.SeedRegionsAsync();
        for (var i = 0; i < 32; i++) await factory.RegisteredBodyAsync($"页面翻页{i:D2}号妇联", regionCode: TestRegions.NeighbourVillage);
        await factory.CreateUserAsync("rp-neighbour", Roles.Officer, TestRegions.NeighbourTown);
        var browser = await factory.SignInPageAsync("rp-neighbour");

        var first = await browser.GetStringAsync("/bodies");
        Assert.Contains("共 32 个组织", first, StringComparison.Ordinal);
        Assert.Contains("页面翻页29号妇联", first, StringComparison.Ordinal);
        Assert.DoesNotContain("页面翻页30号妇联", first, StringComparison.Ordinal);
        var next = NextLink().Match(first).Groups[1].Value.Replace("&amp;", "&", StringComparison.Ordinal);

        var second = await browser.GetStringAsync(next);
        Assert.Contains("页面翻页31号妇联", second, StringComparison.Ordinal);
        Assert.DoesNotContain("页面翻页29号妇联", second, StringComparison.Ordinal);
        Assert.Contains("回到第一页", second, StringComparison.Ordinal);
    }

    [GeneratedRegex("href=\"([^\"]+)\" rel=\"next\"")]
    private static partial Regex NextLink();
}
