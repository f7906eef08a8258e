using Workflow.Federation.Kinds;

namespace Workflow.Federation.Elections;

/// <summary>
/// The election rules in force: committee sizes per kind and the checks on candidates, and the defaults of a
/// request's own election rules (<see cref="DefaultProcedure"/>: quorum, majority basis, 差额 margin). Void and
/// invalid ballots are the uniform practice DESIGN.md cites and are not configurable.
/// </summary>
public sealed record ElectionRules(
    IReadOnlyDictionary<FederationKind, CommitteeSize> CommitteeSizes,
    bool CandidatesMustBeWomen,
    int MinimumExtraExecutiveCandidates,
    int MinimumCandidateAge,
    Quorum Quorum = Quorum.MoreThanTwoThirds,
    MajorityBasis MajorityBasis = MajorityBasis.OfThoseDue)
{
    /// <summary>The election rules a request adopts when its preparatory group sets none of its own.</summary>
    public ElectionProcedure DefaultProcedure => new(Quorum, MajorityBasis, MinimumExtraExecutiveCandidates);

    /// <summary>
    /// DESIGN.md's sizes. Township: 1 chair, 3–5 vice-chairs, 21–25 executive members (seed 003).
    /// Where the rules are silent: social organizations get 2–3 vice-chairs like the 7-member
    /// delivery-rider committee; the other new-field kinds (enterprise, park, industry, chamber, online,
    /// joint, industrial base) get the building / business-district size, the nearest one described.
    /// A micro-home has a head and no election, so it has no committee size.
    /// </summary>
    public static IReadOnlyDictionary<FederationKind, CommitteeSize> DefaultCommitteeSizes { get; } = BuildDefaultSizes();

    public static ElectionRules Default { get; } = FromOptions(new ElectionOptions());

    public bool HoldsElections(FederationKind kind) => CommitteeSizes.ContainsKey(kind);

    public CommitteeSize? CommitteeSizeFor(FederationKind kind) => CommitteeSizes.GetValueOrDefault(kind);

    /// <summary>The rules the options describe; configuration that cannot work throws, naming every problem, so a bad file fails at start-up.</summary>
    public static ElectionRules FromOptions(ElectionOptions options)
    {
        var sizes = new Dictionary<FederationKind, CommitteeSize>(DefaultCommitteeSizes);
        foreach (var (kind, size) in options.CommitteeSizes) sizes[kind] = size;

        var problems = new List<string>();
        if (options.CommitteeSizes.ContainsKey(FederationKind.MicroHome))
            problems.Add("a micro-home has a head appointed, not an elected committee: remove its committee size");
        foreach (var (kind, size) in sizes.Where(s => s.Key != FederationKind.MicroHome))
            problems.AddRange(SizeProblems(size).Select(p => $"{kind}: {p}"));
        if (options.MinimumExtraExecutiveCandidates < 1)
            problems.Add("MinimumExtraExecutiveCandidates must be at least 1: executive members are elected with more candidates than seats");
        if (options.MinimumCandidateAge is < 0 or > 120)
            problems.Add("MinimumCandidateAge must be between 0 and 120");
        if (problems.Count > 0)
            throw new ArgumentException($"election options: {string.Join("; ", problems)}", nameof(options));

        sizes.Remove(FederationKind.MicroHome);
        return new ElectionRules(sizes, options.CandidatesMustBeWomen, options.MinimumExtraExecutiveCandidates, options.MinimumCandidateAge, options.Quorum, options.MajorityBasis);
    }

    private static IEnumerable<string> SizeProblems(CommitteeSize size)
    {
        if (size.MinExecutiveMembers < 1) yield return "MinExecutiveMembers must be at least 1";
        if (size.MinExecutiveMembers > size.MaxExecutiveMembers) yield return "MinExecutiveMembers is above MaxExecutiveMembers";
        if (size.MinViceChairs < 0) yield return "MinViceChairs must not be negative";
        if (size.MinViceChairs > size.MaxViceChairs) yield return "MinViceChairs is above MaxViceChairs";
        // The chair and vice-chairs are elected from among the executive members, so they must fit in the smallest committee.
        if (1 + size.MaxViceChairs > size.MinExecutiveMembers)
            yield return "the chair and the most vice-chairs do not fit in the smallest committee";
    }

    private static Dictionary<FederationKind, CommitteeSize> BuildDefaultSizes()
    {
        var buildingSize = CommitteeSize.Of(9, 15, 2, 3);
        var sizes = new Dictionary<FederationKind, CommitteeSize>
        {
            [FederationKind.VillageOrCommunity] = CommitteeSize.Of(15, 15, 2, 2),
            [FederationKind.Township] = CommitteeSize.Of(21, 25, 3, 5),
            [FederationKind.NewEmploymentGroup] = CommitteeSize.Of(7, 7, 2, 3),
            [FederationKind.SocialOrganization] = CommitteeSize.Of(7, 9, 2, 3),
        };
        foreach (var kind in Enum.GetValues<FederationKind>())
            if (kind != FederationKind.MicroHome) sizes.TryAdd(kind, buildingSize);
        return sizes;
    }
}
