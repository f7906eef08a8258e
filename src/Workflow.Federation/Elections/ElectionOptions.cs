using Workflow.Federation.Kinds;

namespace Workflow.Federation.Elections;

/// <summary>
/// How many executive members and vice-chairs a committee of one kind has. Executive members include
/// the chair and vice-chairs, who are elected from among them; every elected committee has one chair.
/// </summary>
public sealed record CommitteeSize
{
    public int MinExecutiveMembers { get; init; }

    public int MaxExecutiveMembers { get; init; }

    public int MinViceChairs { get; init; }

    public int MaxViceChairs { get; init; }

    public static CommitteeSize Of(int minExecutiveMembers, int maxExecutiveMembers, int minViceChairs, int maxViceChairs) => new()
    {
        MinExecutiveMembers = minExecutiveMembers,
        MaxExecutiveMembers = maxExecutiveMembers,
        MinViceChairs = minViceChairs,
        MaxViceChairs = maxViceChairs,
    };
}

/// <summary>
/// Election settings as configuration gives them (section <see cref="SectionName"/>). Every property has
/// the default of DESIGN.md; <see cref="CommitteeSizes"/> only lists the kinds whose sizes differ from
/// <see cref="ElectionRules.DefaultCommitteeSizes"/>. Turn them into rules with <see cref="ElectionRules.FromOptions"/>.
/// </summary>
public sealed record ElectionOptions
{
    public const string SectionName = "Federation:Elections";

    /// <summary>Overrides per kind; kinds not listed keep their default size.</summary>
    public Dictionary<FederationKind, CommitteeSize> CommitteeSizes { get; init; } = [];

    /// <summary>
    /// A federation's executive committee represents women, and the seeds speak of women only
    /// ("吸收优秀女性企业主、高管、科研人员成为执委", seed 004), so candidates must be women by default.
    /// Some places admit men as executive members; they can switch this off.
    /// </summary>
    public bool CandidatesMustBeWomen { get; init; } = true;

    /// <summary>差额: at least this many more executive-member candidates than seats, unless a request's election rules set another.</summary>
    public int MinimumExtraExecutiveCandidates { get; init; } = 1;

    /// <summary>Age reached in the year of the congress (birth years only are recorded).</summary>
    public int MinimumCandidateAge { get; init; } = 18;

    /// <summary>
    /// Who must be present before a vote is held. Published township election rules require more than two-thirds of
    /// the delegates (or executive members) due; some places use more than half (docs/founding.md cites the sources).
    /// </summary>
    public Quorum Quorum { get; init; } = Quorum.MoreThanTwoThirds;

    /// <summary>What an executive candidate's votes are measured against; the chair and vice-chairs are always measured against the executive members due.</summary>
    public MajorityBasis MajorityBasis { get; init; } = MajorityBasis.OfThoseDue;
}

/// <summary>The share of those due who must be present before a vote is held.</summary>
public enum Quorum
{
    MoreThanHalf,
    MoreThanTwoThirds,

    /// <summary>三分之二以上: two-thirds or more, the number itself included, as 以上 reads in Chinese rules (docs/founding.md).</summary>
    TwoThirdsOrMore,
}
