using Workflow.Federation.Kinds;
using Workflow.Federation.Common;
using Workflow.Federation.Coverage;
using Workflow.Federation.Ledger;
using Workflow.Federation.Regions;
using Workflow.Federation.Registry;
using Workflow.Federation.Tests.Support;

namespace Workflow.Federation.Tests.Coverage;

public sealed class CoverageServiceTests : FederationTest
{

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
        Assert.Equal(0.6, district.Total.Coverage);
        Assert.Equal(0.5, district.Total.KeyUnitCoverage);
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
        Assert.Null(node.Total.Coverage);
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
        Assert.Equal(0.002, in2026.BodiesReached);
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
}
