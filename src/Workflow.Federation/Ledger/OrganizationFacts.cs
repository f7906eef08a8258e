using Workflow.Federation.Common;
namespace Workflow.Federation.Ledger;

/// <summary>
/// What a survey (摸排) records about one organization. The ledger row holds the latest facts; every survey
/// record keeps a copy, so the ledger can show an organization's figures over time.
/// </summary>
/// <param name="CreditCode">
/// 统一社会信用代码. Required for units that are legal persons (enterprises, social organizations, industry
/// associations, chambers); optional for places (buildings, business districts, parks, bases, markets), platforms
/// surveyed as places of work, and groups of new-employment workers, which have no code of their own.
/// </param>
/// <param name="OwnerGroup">The owner or parent company (所属集团/业主单位): business lines of one owner can found one body jointly (seed 004).</param>
/// <param name="Site">The park, base, building or business district the unit sits in: neighbours there can found a body jointly (seed 004).</param>
/// <param name="IsWomensOrganization">A women's social organization (女性社会组织): seed 001 wants every one of them covered.</param>
public sealed record OrganizationFacts(
    [Present] string Name,
    string? CreditCode,
    Sector Sector,
    OrganizationKind Kind,
    [Present] string RegionCode,
    string? Industry,
    string? Address,
    int StaffCount,
    int WomenCount,
    PartyOrganizationStatus PartyOrganization,
    string? PartyOrganizationName,
    OperatingStatus OperatingStatus,
    string? OwnerGroup = null,
    string? Site = null,
    bool IsWomensOrganization = false)
{
    public bool HasPartyOrganization => PartyOrganization != PartyOrganizationStatus.None;
}
