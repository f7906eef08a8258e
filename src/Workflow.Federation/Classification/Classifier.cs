using Workflow.Federation.Kinds;
using Workflow.Federation.Common;
using Workflow.Federation.Ledger;
using Workflow.Federation.Registry;

namespace Workflow.Federation.Classification;

/// <summary>Recommends priority and founding mode for one organization from its facts and its neighbours; no storage.</summary>
public sealed class Classifier(ClassificationRules rules)
{
    private ClassificationOptions Options => rules.Options;

    public Recommendation Classify(OrganizationRow organization, IReadOnlyList<Neighbour> neighbours, CoveringBody? coveredBy)
    {
        var reasons = new List<CodedMessage>();
        var keyUnit = rules.KeyUnit(organization);
        var eligible = rules.Eligible(organization);
        if (keyUnit) reasons.Add(Reasons.KeyUnit(organization.WomenCount, Options.KeyUnitWomenAbove));
        if (!eligible)
        {
            reasons.Add(organization.OperatingStatus != OperatingStatus.Operating
                ? Reasons.NotOperating(organization.OperatingStatus)
                : Reasons.TooFewWomen(organization.WomenCount, Options.EligibleMinimumWomen));
            return new Recommendation(organization.Id, organization.Name, organization.RegionCode, keyUnit, false,
                FoundingPriority.NotEligible, null, null, [], reasons, coveredBy);
        }

        var priority = Priority(organization, keyUnit, reasons);
        if (coveredBy is not null)
        {
            reasons.Add(Reasons.Covered(coveredBy));
            return new Recommendation(organization.Id, organization.Name, organization.RegionCode, keyUnit, true, priority, null, null, [], reasons, coveredBy);
        }
        var (mode, kind, partners) = Mode(organization, neighbours, reasons);
        return new Recommendation(organization.Id, organization.Name, organization.RegionCode, keyUnit, true, priority, mode, kind, partners, reasons, null);
    }

    private FoundingPriority Priority(OrganizationRow organization, bool keyUnit, List<CodedMessage> reasons)
    {
        if (keyUnit) return FoundingPriority.KeyUnit;
        if (organization.Kind is OrganizationKind.Enterprise or OrganizationKind.Platform && organization.HasPartyOrganization)
        {
            reasons.Add(Reasons.PartyEnterprise);
            return FoundingPriority.FullCoverage;
        }
        if (rules.WomensOrganizationMark(organization) is { } mark)
        {
            reasons.Add(Reasons.WomensOrganization(mark));
            return FoundingPriority.FullCoverage;
        }
        if (organization.Kind is OrganizationKind.IndustryAssociation or OrganizationKind.Chamber)
        {
            reasons.Add(Reasons.Association);
            return FoundingPriority.StepByStep;
        }
        reasons.Add(Reasons.AsConditionsAllow);
        return FoundingPriority.AsConditionsAllow;
    }

    private (FoundingMode, FederationKind, IReadOnlyList<RecommendedPartner>) Mode(
        OrganizationRow organization, IReadOnlyList<Neighbour> neighbours, List<CodedMessage> reasons)
    {
        var sameOwner = Partners(neighbours, PartnerRelation.SameOwner);
        if (sameOwner.Count > 0)
        {
            reasons.Add(Reasons.JointSameOwner(organization.OwnerGroup!, sameOwner));
            return (FoundingMode.Joint, FederationKind.Enterprise, sameOwner);
        }
        var minimum = Options.StandaloneMinimumWomen;
        if (organization.WomenCount >= minimum)
        {
            reasons.Add(Reasons.Standalone(organization.WomenCount, minimum));
            return (FoundingMode.Standalone, KindOf(organization.Kind), []);
        }

        var leader = neighbours
            .Where(n => n.Relation == PartnerRelation.SameSite && rules.KeyUnit(n.Organization))
            .OrderByDescending(n => n.Organization.WomenCount)
            .Select(Partner)
            .FirstOrDefault();
        if (leader is not null)
        {
            reasons.Add(Reasons.Led(organization.WomenCount, minimum, leader));
            return (FoundingMode.Led, KindOf(organization.Kind), [leader]);
        }

        var joint = Partners(neighbours, PartnerRelation.SameSite, PartnerRelation.NeighbouringBase)
            .Where(p => p.WomenCount < minimum)
            .ToList();
        var together = organization.WomenCount + joint.Sum(p => p.WomenCount);
        if (joint.Count > 0 && together >= minimum)
        {
            reasons.Add(Reasons.JointSameSite(organization.WomenCount, minimum, joint, together));
            var bases = joint.All(p => p.Relation == PartnerRelation.NeighbouringBase);
            return (FoundingMode.Joint, bases ? FederationKind.IndustrialBase : FederationKind.Joint, joint);
        }

        var host = Partners(neighbours, PartnerRelation.Site, PartnerRelation.IndustryHost).FirstOrDefault();
        reasons.Add(host is null ? Reasons.HostedWithoutHost(organization.WomenCount, minimum) : Reasons.Hosted(organization.WomenCount, minimum, host));
        return (FoundingMode.Hosted, FederationKind.MicroHome, host is null ? [] : [host]);
    }

    private static List<RecommendedPartner> Partners(IReadOnlyList<Neighbour> neighbours, params PartnerRelation[] relations) =>
        [.. neighbours.Where(n => relations.Contains(n.Relation))
            .OrderBy(n => Array.IndexOf(relations, n.Relation))
            .ThenByDescending(n => n.Organization.WomenCount)
            .ThenBy(n => n.Organization.Name, StringComparer.Ordinal)
            .Select(Partner)];

    private static RecommendedPartner Partner(Neighbour n) => new(n.Organization.Id, n.Organization.Name, n.Relation, n.Organization.WomenCount);

    public static FederationKind KindOf(OrganizationKind kind) => kind switch
    {
        OrganizationKind.Enterprise => FederationKind.Enterprise,
        OrganizationKind.Building => FederationKind.Building,
        OrganizationKind.BusinessDistrict => FederationKind.BusinessDistrict,
        OrganizationKind.Park => FederationKind.Park,
        OrganizationKind.IndustrialBase => FederationKind.IndustrialBase,
        OrganizationKind.Market or OrganizationKind.IndustryAssociation or OrganizationKind.WorkerGroup => FederationKind.Industry,
        OrganizationKind.Chamber => FederationKind.ChamberOrAssociation,
        OrganizationKind.Platform => FederationKind.Online,
        OrganizationKind.SocialOrganization => FederationKind.SocialOrganization,
        _ => FederationKind.Joint,
    };
}

