namespace Workflow.Federation.Elections;

/// <summary>What a candidate's votes are measured against to be elected.</summary>
public enum MajorityBasis
{
    /// <summary>More than half of those due (应到人数): what the count has always used, and the default.</summary>
    OfThoseDue,

    /// <summary>More than half of the ballots returned (收回选票), as some places' election rules say.</summary>
    OfBallotsReturned,
}

/// <summary>
/// The election rules (选举办法) of one request: drafted by the preparatory group with the candidates and approved with
/// the candidate list. The seats are the slate's; this holds the rest: who must be present, what a majority is measured
/// against, and how many more executive candidates than seats (差额). Configuration only supplies the defaults
/// (<see cref="ElectionRules.DefaultProcedure"/>); a count uses the procedure its request approved.
/// The majority basis is the congress's: the chair and vice-chairs always need more than half of the executive members due.
/// </summary>
public sealed record ElectionProcedure(Quorum Quorum, MajorityBasis MajorityBasis, int ExecutiveMargin)
{
    /// <summary>另行选举: when seats are left vacant, the same meeting votes once more for them.</summary>
    public const int MaxRounds = 2;

    /// <summary>The quorum as the rules word it, met and not met: "超过应到人数的三分之二", "未超过应到人数的三分之二".</summary>
    internal (string Met, string NotMet) QuorumChinese => Quorum switch
    {
        Quorum.MoreThanTwoThirds => ("超过应到人数的三分之二", "未超过应到人数的三分之二"),
        Quorum.TwoThirdsOrMore => ("达到应到人数的三分之二以上", "不足应到人数的三分之二"),
        _ => ("超过应到人数的半数", "未超过应到人数的半数"),
    };

    internal (string Met, string NotMet) QuorumEnglish => Quorum switch
    {
        Quorum.MoreThanTwoThirds => ("more than two-thirds", "not more than two-thirds"),
        Quorum.TwoThirdsOrMore => ("two-thirds or more", "fewer than two-thirds"),
        _ => ("more than half", "not more than half"),
    };

    internal bool IsQuorate(int present, int due) => Quorum switch
    {
        Quorum.MoreThanTwoThirds => 3L * present > 2L * due,
        Quorum.TwoThirdsOrMore => 3L * present >= 2L * due,
        _ => ElectionCount.IsMoreThanHalf(present, due),
    };

    /// <summary>The procedure as a sentence a person can check against the approved document.</summary>
    internal Explanation Describe(CandidateSlate slate) => new(
        ElectionCodes.Procedure,
        $"选举办法：应选执委{slate.ExecutiveSeats}名、副主席{slate.ViceChairSeats}名；到会人数{QuorumChinese.Met}方可选举；"
        + $"执委候选人得票超过{(MajorityBasis == MajorityBasis.OfThoseDue ? "应到代表人数" : "收回选票")}的半数始得当选，"
        + $"主席、副主席得票超过应到执委人数的半数始得当选；执委候选人比应选名额至少多{ExecutiveMargin}名（差额），主席、副主席等额选举；"
        + "未选足名额时，同一次会议就空缺名额另行选举一次。",
        $"Election rules: {slate.ExecutiveSeats} executive members and {slate.ViceChairSeats} vice-chairs; a vote needs "
        + $"{QuorumEnglish.Met} of those due present; an executive candidate needs more than half of "
        + $"{(MajorityBasis == MajorityBasis.OfThoseDue ? "the delegates due" : "the ballots returned")}, the chair and vice-chairs more than "
        + $"half of the executive members due; at least {ExecutiveMargin} more executive candidates than seats, as many leadership candidates "
        + "as seats; seats left vacant are voted on once more at the same meeting.")
    {
        Figures = new Dictionary<string, int>
        {
            ["executiveSeats"] = slate.ExecutiveSeats, ["viceChairSeats"] = slate.ViceChairSeats, ["margin"] = ExecutiveMargin,
            ["maxRounds"] = MaxRounds,
        },
    };

    /// <summary>A procedure the request may adopt: only the 差额 margin can be out of range, since the others are choices from a list.</summary>
    internal IEnumerable<Explanation> Problems()
    {
        if (ExecutiveMargin < 1)
            yield return new Explanation(
                ElectionCodes.MarginTooSmall,
                $"执委实行差额选举，选举办法规定的差额应至少为1名，现为{ExecutiveMargin}名。",
                $"Executive members are elected with more candidates than seats: the margin must be at least 1; the election rules set {ExecutiveMargin}.")
            {
                Figures = new Dictionary<string, int> { ["margin"] = ExecutiveMargin },
            };
    }
}
