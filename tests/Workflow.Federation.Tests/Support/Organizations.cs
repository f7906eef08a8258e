using Workflow.Federation.Ledger;

namespace Workflow.Federation.Tests.Support;

/// <summary>Organization facts for tests, drawn from the seed reports; override what a test is about with <c>with</c>.</summary>
public static class Organizations
{
    /// <summary>A valid credit code for a test unit: authority and type (91 an enterprise, 51 a social group), region, a body identifier from <paramref name="serial"/>, check character.</summary>
    public static string CreditCodeFor(int serial, string region = "350583", string authorityAndType = "91")
    {
        var first17 = $"{authorityAndType}{region}MA{serial:D7}";
        return first17 + CreditCode.ComputeCheckCharacter(first17);
    }

    public static OrganizationFacts Enterprise(string name = "福建省弘一石业有限公司", int serial = 1, string region = "350583105001",
        int staff = 400, int women = 120, bool party = true) =>
        new(name, CreditCodeFor(serial), Sector.NewEconomic, OrganizationKind.Enterprise, region, "石材加工", "南安市霞美镇",
            staff, women, party ? PartyOrganizationStatus.Own : PartyOrganizationStatus.None, party ? name + "党支部" : null, OperatingStatus.Operating);

    public static OrganizationFacts Base(string name = "霞美电子光伏产业基地", string region = "350583105", int staff = 2000, int women = 600) =>
        new(name, null, Sector.NewEconomic, OrganizationKind.IndustrialBase, region, "光伏", null, staff, women,
            PartyOrganizationStatus.Joint, "霞美片区联合党委", OperatingStatus.Operating);

    public static OrganizationFacts SocialOrganization(string name = "南安市女企业家协会", int serial = 900, string region = "350583001", int staff = 20, int women = 18) =>
        new(name, CreditCodeFor(serial, authorityAndType: "51"), Sector.NewSocial, OrganizationKind.SocialOrganization, region, "社会服务", null, staff, women, PartyOrganizationStatus.None, null, OperatingStatus.Operating);

    public static OrganizationFacts Riders(string name = "美团外卖南安站骑手", string region = "350583001", int staff = 150, int women = 6) =>
        new(name, null, Sector.NewEmployment, OrganizationKind.WorkerGroup, region, "网约配送", null, staff, women,
            PartyOrganizationStatus.None, null, OperatingStatus.Operating);
}
