using Workflow.Federation.Kinds;
using Workflow.Federation.Common;
using Workflow.Federation.Registry;

namespace Workflow.Federation.Classification;

/// <summary>Seed 001's order of work: key enterprises first, then full coverage of two groups, associations step by step.</summary>
public enum FoundingPriority
{
    /// <summary>重点企业组织带头建: a key unit (seed 004's list of units to found first).</summary>
    [Label("重点筹建", "Key unit first")]
    KeyUnit = 1,
    /// <summary>有党组织企业全覆盖 / 女性社会组织全覆盖.</summary>
    [Label("应建尽建", "Full coverage")]
    FullCoverage = 2,
    /// <summary>行业协会逐步建.</summary>
    [Label("逐步建", "Step by step")]
    StepByStep = 3,
    [Label("条件成熟时建", "As conditions allow")]
    AsConditionsAllow = 4,
    [Label("暂不具备条件", "Not eligible")]
    NotEligible = 9,
}

public enum PartnerRelation
{
    /// <summary>Another business line of the same owner (同业主单位).</summary>
    [Label("同一业主", "Same owner")]
    SameOwner,
    /// <summary>Another unit in the same park, base, building or business district.</summary>
    [Label("同一园区基地", "Same site")]
    SameSite,
    /// <summary>The park, base, building or district the unit sits in, as a ledger row of its own.</summary>
    [Label("所在园区基地", "Site")]
    Site,
    /// <summary>Another park or base in the same township (seed 004: 地域相近的基地跨基地联建).</summary>
    [Label("相邻基地", "Neighbouring base")]
    NeighbouringBase,
    /// <summary>An association, chamber or platform of the unit's industry in the same district, able to host a micro-home.</summary>
    [Label("同业平台", "Industry host")]
    IndustryHost,
}

public sealed record RecommendedPartner(Guid OrganizationId, string Name, PartnerRelation Relation, int WomenCount);

public sealed record CoveringBody(Guid BodyId, string Name, FederationKind Kind);

/// <summary>
/// What the ledger suggests for one organization and why: every conclusion comes with a reason that has a code
/// and Chinese and English text, so an officer can see the rule and the figures behind it.
/// </summary>
/// <param name="Mode">Null when the unit is not eligible or is already covered by a founded body.</param>
/// <param name="Kind">The kind of body the mode leads to (a micro-home for hosted).</param>
/// <param name="Partners">For joint: the units to found with; for led: the leading enterprise; for hosted: the host.</param>
public sealed record Recommendation(
    Guid OrganizationId,
    string Name,
    string RegionCode,
    bool IsKeyUnit,
    bool IsEligible,
    FoundingPriority Priority,
    FoundingMode? Mode,
    FederationKind? Kind,
    IReadOnlyList<RecommendedPartner> Partners,
    IReadOnlyList<CodedMessage> Reasons,
    CoveringBody? CoveredBy);

public static class RecommendationChoice
{
    /// <summary>
    /// Whether a chosen kind and mode follow what the ledger recommends for one of the organizations; when they do not,
    /// the officer says why (issue 4, step 1), and the reason stays with the request.
    /// </summary>
    public static bool Follows(IEnumerable<Recommendation> recommendations, FederationKind kind, FoundingMode mode) =>
        recommendations.Any(r => r.Mode == mode && r.Kind == kind);
}
