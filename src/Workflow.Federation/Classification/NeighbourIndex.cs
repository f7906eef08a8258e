using Workflow.Federation.Ledger;

namespace Workflow.Federation.Classification;

public sealed record Neighbour(OrganizationRow Organization, PartnerRelation Relation);

/// <summary>
/// Finds the units an organization could found a body with, or be led or hosted by, among a set of ledger rows:
/// the same owner, the same site, neighbouring bases in the township, industry hosts in the district.
/// </summary>
public sealed class NeighbourIndex
{
    private readonly ILookup<string, OrganizationRow> _byOwner;
    private readonly ILookup<string, OrganizationRow> _bySite;
    private readonly ILookup<string, OrganizationRow> _byName;
    private readonly ILookup<string, OrganizationRow> _basesByTownship;
    private readonly ILookup<string, OrganizationRow> _hostsByIndustry;

    public NeighbourIndex(IEnumerable<OrganizationRow> organizations)
    {
        var operating = organizations.Where(o => o.OperatingStatus == OperatingStatus.Operating).ToList();
        _byOwner = operating.Where(o => o.OwnerGroup is not null).ToLookup(o => o.OwnerGroup!, StringComparer.Ordinal);
        _bySite = operating.Where(o => o.Site is not null).ToLookup(o => o.Site!, StringComparer.Ordinal);
        _byName = operating.Where(IsPlace).ToLookup(o => o.Name, StringComparer.Ordinal);
        _basesByTownship = operating.Where(IsBase).Where(o => o.RegionCode.Length >= 9).ToLookup(o => o.RegionCode[..9], StringComparer.Ordinal);
        _hostsByIndustry = operating.Where(IsHost).Where(o => o.Industry is not null).ToLookup(o => IndustryKey(o), StringComparer.Ordinal);
    }

    public IReadOnlyList<Neighbour> For(OrganizationRow subject)
    {
        var found = new Dictionary<Guid, Neighbour>();
        void Add(IEnumerable<OrganizationRow> rows, PartnerRelation relation)
        {
            foreach (var row in rows)
                if (row.Id != subject.Id) found.TryAdd(row.Id, new Neighbour(row, relation));
        }
        if (subject.OwnerGroup is not null) Add(_byOwner[subject.OwnerGroup], PartnerRelation.SameOwner);
        if (subject.Site is not null)
        {
            Add(_byName[subject.Site], PartnerRelation.Site);
            Add(_bySite[subject.Site], PartnerRelation.SameSite);
        }
        if (IsBase(subject) && subject.RegionCode.Length >= 9) Add(_basesByTownship[subject.RegionCode[..9]], PartnerRelation.NeighbouringBase);
        if (subject.Industry is not null) Add(_hostsByIndustry[IndustryKey(subject)], PartnerRelation.IndustryHost);
        return [.. found.Values];
    }

    public static bool IsBase(OrganizationColumns o) => o.Kind is OrganizationKind.Park or OrganizationKind.IndustrialBase;

    /// <summary>A place that gathers units and can host their micro-home (seed 004 hosts them on bases' talent homes and service stations).</summary>
    public static bool IsPlace(OrganizationColumns o) => o.Kind is OrganizationKind.Park or OrganizationKind.IndustrialBase
        or OrganizationKind.Building or OrganizationKind.BusinessDistrict or OrganizationKind.Market;

    /// <summary>Seed 004: 依托各类行业机构服务平台建设妇女微家 (associations, chambers, service platforms).</summary>
    public static bool IsHost(OrganizationColumns o) => o.Kind is OrganizationKind.IndustryAssociation or OrganizationKind.Chamber or OrganizationKind.Platform;

    private static string IndustryKey(OrganizationColumns o) => o.RegionCode[..Math.Min(6, o.RegionCode.Length)] + "|" + o.Industry;
}
