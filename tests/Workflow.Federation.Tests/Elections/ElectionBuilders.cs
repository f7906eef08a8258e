using Workflow.Federation.Elections;
using Workflow.Federation.Kinds;

namespace Workflow.Federation.Tests.Elections;

/// <summary>Test data for elections: candidates c01, c02, … with complete profiles; c01 stands for chair, the next ones for vice-chair.</summary>
internal static class ElectionBuilders
{
    public static readonly DateOnly CongressDate = new(2026, 6, 18);

    public static Candidate Candidate(int number) => new(
        Id(number),
        $"候选人{number:00}",
        Gender.Female,
        "霞美片区产业基地",
        "副总经理",
        1980,
        PoliticalStatus.CommunistPartyMember,
        Education.Bachelor);

    public static string Id(int number) => $"c{number:00}";

    public static IReadOnlyList<string> Ids(int first, int last) =>
        Enumerable.Range(first, last - first + 1).Select(Id).ToList();

    public static CandidateSlate Slate(FederationKind kind, int executiveSeats, int candidates, int viceChairSeats) => new(
        kind,
        executiveSeats,
        viceChairSeats,
        Enumerable.Range(1, candidates).Select(Candidate).ToList(),
        new LeadershipNomination([Id(1)], Ids(2, viceChairSeats + 1)));

    /// <summary>A township federation: 25 seats, 28 candidates, 4 vice-chairs (seed 003: 21–25 executives, 3–5 vice-chairs).</summary>
    public static CandidateSlate TownshipSlate() => Slate(FederationKind.Township, 25, 28, 4);

    public static CandidateSlate With(this CandidateSlate slate, int number, Func<Candidate, Candidate> change) => slate with
    {
        ExecutiveCandidates = slate.ExecutiveCandidates.Select(c => c.Id == Id(number) ? change(c) : c).ToList(),
    };

    /// <summary>The slate with its own election rules (选举办法), as the preparatory group drafted them.</summary>
    public static CandidateSlate Under(this CandidateSlate slate, Quorum quorum = Quorum.MoreThanTwoThirds, MajorityBasis basis = MajorityBasis.OfThoseDue, int margin = 1) =>
        slate with { Procedure = new ElectionProcedure(quorum, basis, margin) };

    /// <summary>A delivery-rider federation (新就业群体): 7 seats and a committee of exactly 7, 8 candidates, 2 vice-chairs.</summary>
    public static CandidateSlate RiderSlate() => Slate(FederationKind.NewEmploymentGroup, 7, 8, 2);

    /// <summary>Votes for c01, c02, … in that order.</summary>
    public static Dictionary<string, int> Votes(params int[] votes) =>
        votes.Select((v, i) => (Id(i + 1), v)).ToDictionary(p => p.Item1, p => p.Item2);

    public static BallotRecord Ballots(int due, int present, Dictionary<string, int> votes, int? issued = null, int? returned = null, int invalid = 0) =>
        new(due, present, issued ?? present, returned ?? issued ?? present, invalid, votes);

    /// <summary>Township congress, 100 delegates due, 90 present: c01–c25 get 80 down to 56 votes, c26–c28 get 30, 20, 10.</summary>
    public static BallotRecord TownshipCongressBallots() =>
        Ballots(100, 90, Votes([.. Enumerable.Range(0, 25).Select(i => 80 - i), 30, 20, 10]));

    public static ElectionOutcome ValidTownshipCongress() =>
        ElectionCount.CountCongress(TownshipSlate(), ElectionRules.Default, TownshipCongressBallots());
}
