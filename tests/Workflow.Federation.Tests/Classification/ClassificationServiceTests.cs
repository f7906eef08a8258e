using Workflow.Federation.Kinds;
using Workflow.Federation.Classification;
using Workflow.Federation.Ledger;
using Workflow.Federation.Regions;
using Workflow.Federation.Registry;
using Workflow.Federation.Tests.Support;

namespace Workflow.Federation.Tests.Classification;

public sealed class ClassificationServiceTests : FederationTest
{

    [Fact]
    public async Task Classify_FindsNeighboursInTheLedger()
    {
        var trade = await AddAsync(Organizations.Enterprise("弘一石材贸易", serial: 1, women: 30, party: false) with { OwnerGroup = "弘一集团" });
        await AddAsync(Organizations.Enterprise("弘一大板市场", serial: 2, women: 20, party: false) with { OwnerGroup = "弘一集团" });
        await AddAsync(Organizations.Enterprise("别家公司", serial: 3, women: 20, party: false) with { OwnerGroup = "别的集团" });

        var recommendation = await Host.Classification.ClassifyAsync(trade);
        Assert.Equal(FoundingMode.Joint, recommendation.Mode);
        Assert.Equal("弘一大板市场", Assert.Single(recommendation.Partners).Name);
    }

    [Fact]
    public async Task Classify_SaysWhenAFoundedBodyCoversTheUnit()
    {
        var id = await AddAsync(Organizations.Enterprise());
        await Bodies.FoundAsync(Host, "弘一石业妇联", "350583105001", FederationKind.Enterprise, Sector.NewEconomic, new DateOnly(2025, 3, 8), id);
        var recommendation = await Host.Classification.ClassifyAsync(id);
        Assert.Equal("弘一石业妇联", recommendation.CoveredBy?.Name);
        Assert.Null(recommendation.Mode);
    }

    [Fact]
    public async Task ThePlan_ListsUncoveredEligibleUnits_KeyUnitsFirst()
    {
        await AddAsync(Organizations.Riders());
        await AddAsync(Organizations.Enterprise("小厂", serial: 1, women: 20));
        await AddAsync(Organizations.Enterprise("大厂", serial: 2, women: 300));
        await AddAsync(Organizations.Enterprise("中厂", serial: 3, women: 60));
        await AddAsync(Organizations.Enterprise("停业厂", serial: 4, women: 90) with { OperatingStatus = OperatingStatus.Suspended });
        var covered = await AddAsync(Organizations.Enterprise("已建厂", serial: 5, staff: 800, women: 500));
        await Bodies.FoundAsync(Host, "已建厂妇联", "350583105001", FederationKind.Enterprise, Sector.NewEconomic, new DateOnly(2025, 3, 8), covered);

        var plan = await Host.Classification.PlanAsync(RegionCode.Parse("350583"));
        Assert.Equal(["大厂", "中厂", "小厂", "美团外卖南安站骑手"], plan.Select(r => r.Name));
        Assert.Equal([FoundingPriority.KeyUnit, FoundingPriority.KeyUnit, FoundingPriority.FullCoverage, FoundingPriority.AsConditionsAllow], plan.Select(r => r.Priority));
    }
}
