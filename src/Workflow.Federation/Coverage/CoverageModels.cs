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

    /// <summary>Covered ÷ eligible as a percentage (0–100, one decimal); null when nothing is eligible.</summary>
    public double? CoveragePercent => Percent.Of(Covered, Eligible);

    /// <summary>Key units covered ÷ key units as a percentage (0–100, one decimal).</summary>
    public double? KeyUnitCoveragePercent => Percent.Of(KeyUnitsCovered, KeyUnits);

    /// <summary>Founded bodies (micro-homes not included) that are active (有效, see <c>ActivityRules</c>): formal beside effective coverage.</summary>
    public int BodiesActive { get; init; }

    /// <summary>Eligible organizations that are members of an active body or micro-home (有效覆盖).</summary>
    public int EffectivelyCovered { get; init; }

    /// <summary>Effectively covered ÷ eligible as a percentage (0–100, one decimal); null when nothing is eligible.</summary>
    public double? EffectiveCoveragePercent => Percent.Of(EffectivelyCovered, Eligible);

    public CoverageFigures Add(CoverageFigures other) => new(Surveyed + other.Surveyed, Eligible + other.Eligible, KeyUnits + other.KeyUnits,
        Covered + other.Covered, KeyUnitsCovered + other.KeyUnitsCovered, BodiesFounded + other.BodiesFounded, MicroHomes + other.MicroHomes)
    {
        BodiesActive = BodiesActive + other.BodiesActive,
        EffectivelyCovered = EffectivelyCovered + other.EffectivelyCovered,
    };
}

/// <summary>A region's target for a year and how far it is reached: bodies and micro-homes founded by the end of that year.</summary>
public sealed record TargetProgress(int Year, int TargetBodies, int TargetMicroHomes, int BodiesFounded, int MicroHomesFounded)
{
    /// <summary>Bodies founded ÷ target as a percentage (may pass 100); null without a target.</summary>
    public double? BodiesReachedPercent => Percent.Of(BodiesFounded, TargetBodies);

    public double? MicroHomesReachedPercent => Percent.Of(MicroHomesFounded, TargetMicroHomes);
}

/// <summary>Shares are shown as percentages, named <c>…Percent</c>, so nobody reads 0.5 as half a percent.</summary>
internal static class Percent
{
    public static double? Of(int part, int whole) => whole == 0 ? null : Math.Round(100.0 * part / whole, 1, MidpointRounding.AwayFromZero);
}

/// <summary>
/// One region of the coverage tree, its figures rolled up from everything below it: <see cref="Total"/> is <see cref="Own"/>
/// (organizations and bodies coded to this region itself, e.g. to a town rather than one of its villages) plus the totals of
/// <see cref="Children"/>.
/// </summary>
public sealed record CoverageNode(
    string RegionCode,
    RegionLevel Level,
    CoverageFigures Total,
    CoverageFigures Own,
    IReadOnlyDictionary<Sector, CoverageFigures> BySector,
    TargetProgress? Target,
    IReadOnlyList<CoverageNode> Children);

/// <summary>
/// Bodies and micro-homes founded in one year, and how many stand by its end. A body without a founding date (recorded before
/// dates were kept) counts toward the totals from the first year shown, as the year's-end target progress counts it.
/// </summary>
public sealed record FoundedInYear(int Year, int Bodies, int MicroHomes, int BodiesToDate, int MicroHomesToDate);

public sealed record CoverageTarget(string RegionCode, int Year, int Bodies, int MicroHomes, DateTimeOffset SetAt, string SetBy);
