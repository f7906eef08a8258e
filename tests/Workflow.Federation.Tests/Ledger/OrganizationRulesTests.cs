using Workflow.Federation.Common;
using Workflow.Federation.Ledger;
using Workflow.Federation.Tests.Support;

namespace Workflow.Federation.Tests.Ledger;

public sealed class OrganizationRulesTests
{
    private static IReadOnlyList<FieldProblem> Check(OrganizationFacts facts) => OrganizationRules.Check(facts, out _);

    [Fact]
    public void AnOrdinaryEnterprise_HasNoProblems() => Assert.Empty(Check(Organizations.Enterprise()));

    [Fact]
    public void Normalizing_TrimsTextAndUpperCasesTheCreditCode()
    {
        var facts = Organizations.Enterprise() with { Name = "  弘一石业 ", CreditCode = Organizations.CreditCodeFor(1).ToLowerInvariant(), Address = " " };
        OrganizationRules.Check(facts, out var normalized);
        Assert.Equal("弘一石业", normalized.Name);
        Assert.Equal(Organizations.CreditCodeFor(1), normalized.CreditCode);
        Assert.Null(normalized.Address);
    }

    [Fact]
    public void MoreWomenThanStaff_IsAProblemOfTheWomenCount()
    {
        var problem = Assert.Single(Check(Organizations.Enterprise(staff: 10, women: 11)));
        Assert.Equal(("womenCount", OrganizationRules.WomenAboveStaff), (problem.Field, problem.Reason.Code));
    }

    [Fact]
    public void NegativeCounts_AreProblems() =>
        Assert.Contains(Check(Organizations.Enterprise() with { StaffCount = -1 }), p => p.Reason.Code == "count.negative");

    [Fact]
    public void AnEnterpriseWithoutCreditCode_IsRefused_ButAPlaceOrAGroupMayHaveNone()
    {
        Assert.Contains(Check(Organizations.Enterprise() with { CreditCode = null }), p => p.Reason.Code == OrganizationRules.CreditCodeRequired);
        Assert.Empty(Check(Organizations.Base()));
        Assert.Empty(Check(Organizations.Riders()));
    }

    [Fact]
    public void APartyOrganization_MustBeNamed_AndNoneMustNotBe()
    {
        Assert.Contains(Check(Organizations.Enterprise() with { PartyOrganizationName = null }), p => p.Reason.Code == OrganizationRules.PartyNameRequired);
        Assert.Contains(Check(Organizations.Enterprise(party: false) with { PartyOrganizationName = "某党支部" }),
            p => p.Reason.Code == OrganizationRules.PartyNameWithoutOrganization);
    }

    [Fact]
    public void GarbledText_IsRefusedField_ByField()
    {
        var problems = Check(Organizations.Enterprise() with { Name = "濟(jì)南商貿(mào)", Address = "銆傗€滀竴瀵" });
        Assert.Equal(["name", "address"], problems.Select(p => p.Field));
    }

    [Fact]
    public void UndefinedEnumValues_AreProblems() =>
        Assert.Contains(Check(Organizations.Riders() with { Sector = (Sector)42 }), p => p.Field == "sector");

    [Fact]
    public void Normalize_ThrowsEveryProblemAtOnce()
    {
        var error = Assert.Throws<FederationValidationException>(() =>
            OrganizationRules.Normalize(Organizations.Enterprise() with { Name = "", RegionCode = "1234", StaffCount = -5 }));
        Assert.Equal(["name", "regionCode", "staffCount"], error.Problems.Select(p => p.Field));
    }
}
