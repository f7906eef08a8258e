using Workflow.Federation.Ledger;
using Workflow.Federation.Regions;

namespace Workflow.Federation.Coverage;

/// <summary>
/// A region's figures. Coverage counts organizations, not bodies: one joint body covers several units (seed 001:
/// 116 bodies covering more than 1,200 organizations), so coverage = eligible organizations a founded body covers
/// ÷ eligible organizations; bodies and micro-homes are counted beside it, for the targets.
/// </summary>
/// <param name="Surveyed">Organizations in the ledger.</param>
/// <param name="Eligible">Operating organizations with women (see the classification options).</param>
/// <param name="KeyUnits">Seed 004's key units.</param>
/// <param name="Covered">Eligible organizations that are members of a founded body or micro-home.</param>
/// <param name="KeyUnitsCovered">Key units among <paramref name="Covered"/>.</param>
/// <param name="BodiesFounded">Founded federation bodies registered in the region, micro-homes not included.</param>
/// <param name="MicroHomes">Founded women's micro-homes.</param>
public sealed record CoverageFigures(int Surveyed, int Eligible, int KeyUnits, int Covered, int KeyUnitsCovered, int BodiesFounded, int MicroHomes)
{
    public static readonly CoverageFigures Zero = new(0, 0, 0, 0, 0, 0, 0);

    public double? Coverage => Eligible == 0 ? null : (double)Covered / Eligible;

    public double? KeyUnitCoverage => KeyUnits == 0 ? null : (double)KeyUnitsCovered / KeyUnits;

    public CoverageFigures Add(CoverageFigures other) => new(Surveyed + other.Surveyed, Eligible + other.Eligible, KeyUnits + other.KeyUnits,
        Covered + other.Covered, KeyUnitsCovered + other.KeyUnitsCovered, BodiesFounded + other.BodiesFounded, MicroHomes + other.MicroHomes);
}

/// <summary>A region's target for a year and how far it is reached: bodies and micro-homes founded by the end of that year.</summary>
public sealed record TargetProgress(int Year, int TargetBodies, int TargetMicroHomes, int BodiesFounded, int MicroHomesFounded)
{
    public double? BodiesReached => TargetBodies == 0 ? null : (double)BodiesFounded / TargetBodies;

    public double? MicroHomesReached => TargetMicroHomes == 0 ? null : (double)MicroHomesFounded / TargetMicroHomes;
}

/// <summary>One region of the coverage tree, its figures rolled up from everything below it.</summary>
public sealed record CoverageNode(
    string RegionCode,
    RegionLevel Level,
    CoverageFigures Total,
    IReadOnlyDictionary<Sector, CoverageFigures> BySector,
    TargetProgress? Target,
    IReadOnlyList<CoverageNode> Children);

public sealed record CoverageTarget(string RegionCode, int Year, int Bodies, int MicroHomes, DateTimeOffset SetAt, string SetBy);
