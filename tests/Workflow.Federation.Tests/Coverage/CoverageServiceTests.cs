using Workflow.Federation.Kinds;
using Workflow.Federation.Common;
using Workflow.Federation.Coverage;
using Workflow.Federation.Ledger;
using Workflow.Federation.Regions;
using Workflow.Federation.Registry;
using Workflow.Federation.Tests.Support;

namespace Workflow.Federation.Tests.Coverage;

/// <summary>
/// Runs alone: a kept tree is dropped on any federation write in the process (<c>FederationChanges</c> counts them for the
/// whole service), so another class writing in parallel would make the reads that arrive together read twice.
/// </summary>
[CollectionDefinition(nameof(CoverageServiceTests), DisableParallelization = true)]
public sealed class CoverageRunsAlone;

[Collection(nameof(CoverageServiceTests))]
public sealed class CoverageServiceTests : FederationTest
{

    [Fact]
    public async Task FiguresReadAgain_AfterABodyIsFoundedAndAnOrganizationAdded_ShowTheChange_WhileAtOnceTheyAreReadOnce()
    {
        var district = RegionCode.Parse("350583");
        var first = await AddAsync(Organizations.Enterprise("弘一石业", serial: 1, region: "350583105001", women: 120));
        var before = await Host.Coverage.GetCoverageAsync(district, 2026);
        var together = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Host.Coverage.GetCoverageAsync(district, 2026)));

        await Bodies.FoundAsync(Host, "弘一集团妇联", "350583105001", FederationKind.Enterprise, Sector.NewEconomic, new DateOnly(2026, 3, 8), first);
        var founded = await Host.Coverage.GetCoverageAsync(district, 2026);
        await AddAsync(Organizations.Enterprise("阳光中科", serial: 3, region: "350583105002", women: 80));
        var added = await Host.Coverage.GetCoverageAsync(district, 2026);

        Assert.All(together, tree => Assert.Same(together[0], tree));
        Assert.Equal((1, 0, 0), (before.Total.Surveyed, before.Total.Covered, before.Total.BodiesFounded));
        Assert.Equal((1, 1, 1), (founded.Total.Surveyed, founded.Total.Covered, founded.Total.BodiesFounded));
        Assert.Equal((2, 1, 1), (added.Total.Surveyed, added.Total.Covered, added.Total.BodiesFounded));
    }

    [Fact]
    public async Task Figures_RollUpFromVillagesToTownshipsToTheDistrict_BySector()
    {
        var keyUnit = await AddAsync(Organizations.Enterprise("弘一石业", serial: 1, region: "350583105001", women: 120));
        var partner = await AddAsync(Organizations.Enterprise("弘一石材贸易", serial: 2, region: "350583105001", women: 30, party: false));
        await AddAsync(Organizations.Enterprise("阳光中科", serial: 3, region: "350583105002", women: 80));
        await AddAsync(Organizations.Enterprise("已注销厂", serial: 4, region: "350583105002", women: 5) with { OperatingStatus = OperatingStatus.Closed });
        var riders = await AddAsync(Organizations.Riders(region: "350583108"));
        await AddAsync(Organizations.SocialOrganization(region: "350583108001"));
        await Bodies.FoundAsync(Host, "弘一集团妇联", "350583105001", FederationKind.Enterprise, Sector.NewEconomic, new DateOnly(2025, 3, 8), keyUnit, partner);
        await Bodies.FoundAsync(Host, "骑手妇女微家", "350583108", FederationKind.MicroHome, Sector.NewEmployment, new DateOnly(2026, 5, 1), riders);

        var district = await Host.Coverage.GetCoverageAsync(RegionCode.Parse("350583"), 2026);

        Assert.Equal(new CoverageFigures(Surveyed: 6, Eligible: 5, KeyUnits: 2, Covered: 3, KeyUnitsCovered: 1, BodiesFounded: 1, MicroHomes: 1), district.Total);
        Assert.Equal(60.0, district.Total.CoveragePercent);
        Assert.Equal(50.0, district.Total.KeyUnitCoveragePercent);
        Assert.Equal(["350583105", "350583108"], district.Children.Select(c => c.RegionCode));
        var xiamei = district.Children[0];
        Assert.Equal((RegionLevel.Township, 4, 2), (xiamei.Level, xiamei.Total.Surveyed, xiamei.Total.Covered));
        Assert.Equal(["350583105001", "350583105002"], xiamei.Children.Select(c => c.RegionCode));
        Assert.Equal(new CoverageFigures(2, 2, 1, 2, 1, 1, 0), xiamei.Children[0].Total);
        var luncang = district.Children[1];
        Assert.Equal(new CoverageFigures(1, 1, 0, 1, 0, 0, 1), luncang.BySector[Sector.NewEmployment]);
        Assert.Equal(new CoverageFigures(1, 1, 0, 0, 0, 0, 0), luncang.BySector[Sector.NewSocial]);
        Assert.Equal(luncang.Total.Surveyed, luncang.BySector.Values.Sum(f => f.Surveyed));
    }

    [Fact]
    public async Task LiaochengsFigures_RollUpFromVillageToTownToCountyToTheCity_WithTheTownsOwnShare_AndCountTowardTheCitysTarget()
    {
        // Seed 003: 聊城市 (371500) plans 1,000 bodies by 2026 across its counties; 东昌府区 (371502) and 阳谷县 (371521) found them.
        const string city = "371500", dongchangfu = "371502", town = "371502001", village = "371502001001", yanggu = "371521", yangguVillage = "371521100201";
        await Host.Coverage.SetTargetAsync(RegionCode.Parse(city), 2026, bodies: 1000, microHomes: 100, "聊城市妇联");
        var inVillage = await AddAsync(Organizations.Enterprise("东昌纺织", serial: 11, region: village, women: 90));
        var atTown = await AddAsync(Organizations.Enterprise("古楼商贸", serial: 12, region: town, women: 60));
        await AddAsync(Organizations.Enterprise("凤凰物流", serial: 13, region: town, women: 20, party: false));
        var inYanggu = await AddAsync(Organizations.Enterprise("阳谷电缆", serial: 14, region: yangguVillage, women: 70));
        await Bodies.FoundAsync(Host, "东昌纺织妇联", village, FederationKind.Enterprise, Sector.NewEconomic, new DateOnly(2025, 9, 1), inVillage);
        await Bodies.FoundAsync(Host, "古楼商贸妇联", town, FederationKind.Enterprise, Sector.NewEconomic, new DateOnly(2026, 3, 8), atTown);
        await Bodies.FoundAsync(Host, "阳谷电缆妇联", yangguVillage, FederationKind.Enterprise, Sector.NewEconomic, new DateOnly(2026, 6, 1), inYanggu);

        var liaocheng = await Host.Coverage.GetCoverageAsync(RegionCode.Parse(city), 2026);

        Assert.Equal((RegionLevel.City, 4, 3), (liaocheng.Level, liaocheng.Total.Surveyed, liaocheng.Total.BodiesFounded));
        Assert.Equal(new TargetProgress(2026, 1000, 100, 3, 0), liaocheng.Target);
        Assert.Equal([dongchangfu, yanggu], liaocheng.Children.Select(c => c.RegionCode));
        var county = liaocheng.Children[0];
        Assert.Equal(RegionLevel.District, county.Level);
        var township = Assert.Single(county.Children);
        Assert.Equal((RegionLevel.Township, town), (township.Level, township.RegionCode));
        // The two organizations coded to the town itself are its own share line; its village adds the third.
        Assert.Equal(new CoverageFigures(Surveyed: 2, Eligible: 2, KeyUnits: 1, Covered: 1, KeyUnitsCovered: 1, BodiesFounded: 1, MicroHomes: 0), township.Own);
        Assert.Equal(village, Assert.Single(township.Children).RegionCode);
        Assert.Equal((3, 2), (township.Total.Surveyed, township.Total.Covered));
        // Every level is the sum of its parts: its own share and its children.
        foreach (var node in new[] { liaocheng, county, township })
            Assert.Equal(node.Total, node.Children.Aggregate(node.Own, (sum, child) => sum.Add(child.Total)));
        // The province holds the city; a neighbouring city is not in it.
        var shandong = await Host.Coverage.GetCoverageAsync(RegionCode.Parse("370000"), 2026);
        Assert.Equal((RegionLevel.Province, city, 4), (shandong.Level, Assert.Single(shandong.Children).RegionCode, shandong.Total.Surveyed));
        Assert.Equal(0, (await Host.Coverage.GetCoverageAsync(RegionCode.Parse("371600"), 2026)).Total.Surveyed);
    }

    [Fact]
    public async Task ARootBelowTheDistrict_ShowsOnlyItsOwnTree()
    {
        await AddAsync(Organizations.Enterprise("弘一石业", serial: 1, region: "350583105001"));
        await AddAsync(Organizations.Enterprise("辉煌水暖", serial: 2, region: "350583108001"));
        var township = await Host.Coverage.GetCoverageAsync(RegionCode.Parse("350583105"), 2026);
        Assert.Equal((1, "350583105001"), (township.Total.Surveyed, Assert.Single(township.Children).RegionCode));
    }

    [Fact]
    public async Task AnEmptyRegion_HasZeroFiguresAndNoCoverageRatio()
    {
        var node = await Host.Coverage.GetCoverageAsync(RegionCode.Parse("350583"), 2026);
        Assert.Equal(CoverageFigures.Zero, node.Total);
        Assert.Null(node.Total.CoveragePercent);
        Assert.Empty(node.Children);
    }

    [Fact]
    public async Task Targets_CountBodiesFoundedByTheEndOfTheirYear()
    {
        // Seed 003: 聊城 plans 1,000 "三新" federation bodies and 100 women's micro-homes by 2026.
        await Host.Coverage.SetTargetAsync(RegionCode.Parse("350583"), 2026, bodies: 1000, microHomes: 100, "planner");
        await Host.Coverage.SetTargetAsync(RegionCode.Parse("350583"), 2025, bodies: 400, microHomes: 40, "planner");
        var a = await AddAsync(Organizations.Enterprise("弘一石业", serial: 1));
        var b = await AddAsync(Organizations.Enterprise("阳光中科", serial: 2));
        await Bodies.FoundAsync(Host, "弘一石业妇联", "350583105001", FederationKind.Enterprise, Sector.NewEconomic, new DateOnly(2025, 6, 1), a);
        await Bodies.FoundAsync(Host, "阳光中科妇联", "350583105001", FederationKind.Enterprise, Sector.NewEconomic, new DateOnly(2026, 2, 1), b);

        var in2026 = (await Host.Coverage.GetCoverageAsync(RegionCode.Parse("350583"), 2026)).Target!;
        Assert.Equal(new TargetProgress(2026, 1000, 100, 2, 0), in2026);
        Assert.Equal(0.2, in2026.BodiesReachedPercent);
        Assert.Equal(1, (await Host.Coverage.GetCoverageAsync(RegionCode.Parse("350583"), 2025)).Target!.BodiesFounded);
        Assert.Null((await Host.Coverage.GetCoverageAsync(RegionCode.Parse("350583"), 2027)).Target);
    }

    [Fact]
    public async Task SettingATargetAgain_ReplacesIt()
    {
        await Host.Coverage.SetTargetAsync(RegionCode.Parse("350583105"), 2026, 30, 5, "planner");
        await Host.Coverage.SetTargetAsync(RegionCode.Parse("350583105"), 2026, 35, 6, "planner-2");
        var target = Assert.Single(await Host.Coverage.ListTargetsAsync(RegionCode.Parse("350583")));
        Assert.Equal((35, 6, "planner-2"), (target.Bodies, target.MicroHomes, target.SetBy));
    }

    [Fact]
    public async Task ANegativeTarget_IsRefused() =>
        await Assert.ThrowsAsync<FederationValidationException>(() => Host.Coverage.SetTargetAsync(RegionCode.Parse("350583"), 2026, -1, 0, "planner"));

    [Fact]
    public async Task ADissolvedBody_NoLongerCovers()
    {
        var a = await AddAsync(Organizations.Enterprise());
        var body = await Bodies.FoundAsync(Host, "弘一石业妇联", "350583105001", FederationKind.Enterprise, Sector.NewEconomic, new DateOnly(2025, 6, 1), a);
        await using (var db = await Host.DbAsync())
        {
            (await db.Bodies.FindAsync(body.Id))!.Status = FederationBodyStatus.Dissolved;
            await db.SaveChangesAsync();
        }
        var node = await Host.Coverage.GetCoverageAsync(RegionCode.Parse("350583"), 2026);
        Assert.Equal((0, 0), (node.Total.Covered, node.Total.BodiesFounded));
    }

    [Fact]
    public async Task TheTrend_CountsFoundingsPerYear_WithoutGaps_AndCumulatesThem()
    {
        await Bodies.FoundAsync(Host, "弘一石业妇联", "350583105001", FederationKind.Enterprise, Sector.NewEconomic, new DateOnly(2023, 6, 1));
        await Bodies.FoundAsync(Host, "阳光中科妇联", "350583105002", FederationKind.Enterprise, Sector.NewEconomic, new DateOnly(2025, 2, 1));
        await Bodies.FoundAsync(Host, "骑手妇女微家", "350583108", FederationKind.MicroHome, Sector.NewEmployment, new DateOnly(2025, 5, 1));
        await Bodies.FoundAsync(Host, "邻区妇联", "350582100001", FederationKind.Enterprise, Sector.NewEconomic, new DateOnly(2024, 5, 1));

        var trend = await Host.Coverage.GetTrendAsync(RegionCode.Parse("350583"), 2024, 2026);

        Assert.Equal(
        [
            new FoundedInYear(2023, 1, 0, 1, 0), new FoundedInYear(2024, 0, 0, 1, 0), new FoundedInYear(2025, 1, 1, 2, 1), new FoundedInYear(2026, 0, 0, 2, 1),
        ], trend);
    }
}
