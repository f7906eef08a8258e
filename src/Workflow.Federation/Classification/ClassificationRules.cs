using System.Linq.Expressions;
using Workflow.Federation.Ledger;

namespace Workflow.Federation.Classification;

/// <summary>
/// The rules that decide whether a ledger row is a key unit or eligible, written once as expressions: the ledger
/// and coverage run them in SQL, the classifier compiles them and runs them in memory, and both agree.
/// </summary>
public sealed class ClassificationRules
{
    public ClassificationRules(ClassificationOptions options)
    {
        Options = options;
        var keyUnitKinds = options.KeyUnitKinds.ToArray();
        var womenAbove = options.KeyUnitWomenAbove;
        var eligibleWomen = options.EligibleMinimumWomen;
        IsKeyUnit = o => keyUnitKinds.Contains(o.Kind) && o.PartyOrganization != PartyOrganizationStatus.None && o.WomenCount > womenAbove;
        IsEligible = o => o.OperatingStatus == OperatingStatus.Operating && o.WomenCount >= eligibleWomen;
        _isKeyUnit = IsKeyUnit.Compile();
        _isEligible = IsEligible.Compile();
    }

    private readonly Func<OrganizationRow, bool> _isKeyUnit;
    private readonly Func<OrganizationRow, bool> _isEligible;

    public ClassificationOptions Options { get; }

    /// <summary>Seed 004: a unit of a key-unit kind with a party organization and more than <see cref="ClassificationOptions.KeyUnitWomenAbove"/> women.</summary>
    public Expression<Func<OrganizationRow, bool>> IsKeyUnit { get; }

    /// <summary>Operating, with at least <see cref="ClassificationOptions.EligibleMinimumWomen"/> women: a unit coverage should reach.</summary>
    public Expression<Func<OrganizationRow, bool>> IsEligible { get; }

    public bool KeyUnit(OrganizationRow organization) => _isKeyUnit(organization);

    public bool Eligible(OrganizationRow organization) => _isEligible(organization);

    /// <summary>
    /// Seed 001 wants every women's social organization covered. Null when the unit is not one; empty when the
    /// ledger marks it as one; otherwise the mark in its name that makes it one (e.g. “女企业家”).
    /// </summary>
    public string? WomensOrganizationMark(OrganizationColumns organization)
    {
        if (organization.Kind is not (OrganizationKind.SocialOrganization or OrganizationKind.IndustryAssociation or OrganizationKind.Chamber)
            && organization.Sector != Sector.NewSocial)
            return null;
        if (organization.IsWomensOrganization) return "";
        return Options.WomensOrganizationNameMarks.FirstOrDefault(mark => organization.Name.Contains(mark, StringComparison.Ordinal));
    }
}
