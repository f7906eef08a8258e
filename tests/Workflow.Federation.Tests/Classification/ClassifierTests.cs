using Workflow.Federation.Kinds;
using Workflow.Federation.Classification;
using Workflow.Federation.Ledger;
using Workflow.Federation.Registry;
using Workflow.Federation.Tests.Support;

namespace Workflow.Federation.Tests.Classification;

public sealed class ClassifierTests
{
    private static readonly Classifier Classifier = new(new ClassificationRules(new ClassificationOptions()));

    private static Recommendation Classify(OrganizationFacts subject, params OrganizationFacts[] others)
    {
        var rows = others.Select(o => Rows.Of(o)).Prepend(Rows.Of(subject)).ToList();
        return Classifier.Classify(rows[0], new NeighbourIndex(rows).For(rows[0]), null);
    }

    [Fact]
    public void AnEnterpriseWithAPartyOrganizationAndMoreThan50Women_IsAKeyUnit_FoundedFirst()
    {
        var recommendation = Classify(Organizations.Enterprise(women: 51));
        Assert.True(recommendation.IsKeyUnit);
        Assert.Equal(FoundingPriority.KeyUnit, recommendation.Priority);
        Assert.Contains(recommendation.Reasons, r => r.Code == "classification.key-unit" && r.ZhCn.Contains("51", StringComparison.Ordinal));
    }

    [Fact]
    public void Exactly50Women_IsNotMoreThan50() => Assert.False(Classify(Organizations.Enterprise(women: 50)).IsKeyUnit);

    [Fact]
    public void WithoutAPartyOrganization_ManyWomenDoNotMakeAKeyUnit() => Assert.False(Classify(Organizations.Enterprise(women: 300, party: false)).IsKeyUnit);

    [Fact]
    public void AnEnterpriseWithAPartyOrganization_IsToBeCoveredFully()
    {
        var recommendation = Classify(Organizations.Enterprise(women: 20));
        Assert.Equal(FoundingPriority.FullCoverage, recommendation.Priority);
        Assert.Contains(recommendation.Reasons, r => r.Code == "priority.party-enterprise");
    }

    [Fact]
    public void AWomensSocialOrganization_IsToBeCoveredFully_EvenWhenOnlyItsNameSaysSo()
    {
        var recommendation = Classify(Organizations.SocialOrganization("南安市女企业家协会"));
        Assert.Equal(FoundingPriority.FullCoverage, recommendation.Priority);
        Assert.Contains(recommendation.Reasons, r => r.Code == "priority.womens-organization" && r.ZhCn.Contains("女企业家", StringComparison.Ordinal));
    }

    [Fact]
    public void AnIndustryAssociation_IsFoundedStepByStep() =>
        Assert.Equal(FoundingPriority.StepByStep, Classify(Organizations.SocialOrganization("南安市石材行业协会") with { Kind = OrganizationKind.IndustryAssociation }).Priority);

    [Fact]
    public void AClosedUnit_IsNotEligible_AndGetsNoMode()
    {
        var recommendation = Classify(Organizations.Enterprise() with { OperatingStatus = OperatingStatus.Closed });
        Assert.Equal((false, FoundingPriority.NotEligible, (FoundingMode?)null), (recommendation.IsEligible, recommendation.Priority, recommendation.Mode));
        Assert.Contains(recommendation.Reasons, r => r.Code == "classification.not-operating");
    }

    [Fact]
    public void ManyWomen_FoundStandalone() =>
        Assert.Equal((FoundingMode.Standalone, FederationKind.Enterprise), (Classify(Organizations.Enterprise(women: 120)).Mode, Classify(Organizations.Enterprise(women: 120)).Kind));

    [Fact]
    public void BusinessLinesOfOneOwner_FoundJointly()
    {
        // Seed 004: 弘一集团's five business lines (stone processing, trade, slab market, machinery city, raw stone) found one body.
        var lines = new[] { "弘一石材加工", "弘一石材贸易", "弘一大板市场" }
            .Select((name, i) => Organizations.Enterprise(name, serial: 10 + i, women: 30) with { OwnerGroup = "弘一集团" }).ToArray();
        var recommendation = Classify(lines[0], lines[1..]);
        Assert.Equal(FoundingMode.Joint, recommendation.Mode);
        Assert.Equal(["弘一大板市场", "弘一石材贸易"], recommendation.Partners.Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.All(recommendation.Partners, p => Assert.Equal(PartnerRelation.SameOwner, p.Relation));
        Assert.Contains(recommendation.Reasons, r => r.Code == "mode.joint.same-owner");
    }

    [Fact]
    public void ASmallUnitBesideAKeyUnitOnItsSite_IsLedByIt()
    {
        var leader = Organizations.Enterprise("阳光中科", serial: 20, women: 80) with { Site = "霞美片区产业基地" };
        var small = Organizations.Enterprise("霞美小五金厂", serial: 21, women: 4, party: false) with { Site = "霞美片区产业基地" };
        var recommendation = Classify(small, leader);
        Assert.Equal(FoundingMode.Led, recommendation.Mode);
        Assert.Equal("阳光中科", Assert.Single(recommendation.Partners).Name);
    }

    [Fact]
    public void SmallUnitsOnOneSite_WithoutALeader_FoundJointly_WhenTogetherTheyHaveEnoughWomen()
    {
        var units = Enumerable.Range(0, 3)
            .Select(i => Organizations.Enterprise($"园区小微企业{i}", serial: 30 + i, women: 4, party: false) with { Site = "JN150创意园" }).ToArray();
        var recommendation = Classify(units[0], units[1..]);
        Assert.Equal((FoundingMode.Joint, FederationKind.Joint), (recommendation.Mode, recommendation.Kind));
        Assert.Contains(recommendation.Reasons, r => r.Code == "mode.joint.same-site" && r.ZhCn.Contains("合计女职工 12 人", StringComparison.Ordinal));
    }

    [Fact]
    public void NeighbouringBasesInOneTownship_FoundJointly_WhenEachIsSmall()
    {
        // Seed 004: 霞美镇 joined its electronics-photovoltaic base and its machinery base into one body.
        var photovoltaic = Organizations.Base("霞美电子光伏产业基地", women: 6);
        var machinery = Organizations.Base("霞美机械制造装备基地", women: 7);
        var recommendation = Classify(photovoltaic, machinery);
        Assert.Equal((FoundingMode.Joint, FederationKind.IndustrialBase), (recommendation.Mode, recommendation.Kind));
        Assert.Equal(PartnerRelation.NeighbouringBase, Assert.Single(recommendation.Partners).Relation);
    }

    [Fact]
    public void FewWomen_AreHostedAsAMicroHome_OnTheirIndustrysAssociation()
    {
        var association = Organizations.SocialOrganization("福建省工程机械行业协会", serial: 901, region: "350583105") with
        {
            Kind = OrganizationKind.IndustryAssociation, Industry = "网约配送",
        };
        var recommendation = Classify(Organizations.Riders(), association);
        Assert.Equal((FoundingMode.Hosted, FederationKind.MicroHome), (recommendation.Mode, recommendation.Kind));
        Assert.Equal(PartnerRelation.IndustryHost, Assert.Single(recommendation.Partners).Relation);
    }

    [Fact]
    public void FewWomen_WithNoHostInTheLedger_AreStillHosted_AndTheReasonSaysNoneWasFound()
    {
        var recommendation = Classify(Organizations.Riders());
        Assert.Equal(FoundingMode.Hosted, recommendation.Mode);
        Assert.Empty(recommendation.Partners);
        Assert.Contains(recommendation.Reasons, r => r.Code == "mode.hosted.no-host");
    }

    [Fact]
    public void ACoveredUnit_GetsNoMode_AndSaysWhichBodyCoversIt()
    {
        var row = Rows.Of(Organizations.Enterprise());
        var body = new CoveringBody(Guid.NewGuid(), "弘一石业妇联", FederationKind.Enterprise);
        var recommendation = Classifier.Classify(row, [], body);
        Assert.Null(recommendation.Mode);
        Assert.Equal(body, recommendation.CoveredBy);
        Assert.Contains(recommendation.Reasons, r => r.Code == "classification.covered");
    }

    [Fact]
    public void Thresholds_AreConfiguration()
    {
        var strict = new Classifier(new ClassificationRules(new ClassificationOptions { KeyUnitWomenAbove = 100, StandaloneMinimumWomen = 200 }));
        var row = Rows.Of(Organizations.Enterprise(women: 90));
        var recommendation = strict.Classify(row, [], null);
        Assert.False(recommendation.IsKeyUnit);
        Assert.Equal(FoundingMode.Hosted, recommendation.Mode);
    }

    [Fact]
    public void EveryReason_HasChineseAndEnglishText()
    {
        var recommendation = Classify(Organizations.Enterprise(women: 60));
        Assert.All(recommendation.Reasons, r => Assert.False(string.IsNullOrWhiteSpace(r.ZhCn) || string.IsNullOrWhiteSpace(r.En)));
    }
}
