using Workflow.Federation.Elections;
using static Workflow.Federation.Tests.Elections.ElectionBuilders;

namespace Workflow.Federation.Tests.Elections;

/// <summary>The first executive meeting: a chair elected stays elected while a vice-chair post is voted again.</summary>
public sealed class LeadershipRoundTests
{
    // The township congress elected c01–c25; c01 stands for chair, c02–c05 for the four vice-chair seats (at least 3).
    private static ElectionOutcome Meeting(params BallotRecord[] rounds) =>
        ElectionCount.CountExecutiveMeeting(TownshipSlate(), ElectionRules.Default, ValidTownshipCongress(), rounds);

    private static readonly BallotRecord ChairAndTwoViceChairs = Ballots(25, 22, Votes(20, 18, 17, 12, 11));

    [Fact]
    public void ChairIsKept_WhileTheOpenViceChairPostsAreVotedAgain()
    {
        var outcome = Meeting(ChairAndTwoViceChairs, Ballots(25, 21, new() { [Id(4)] = 16, [Id(5)] = 15 }));

        Assert.Equal(ElectionStatus.Valid, outcome.Status);
        Assert.Equal(
            [(Id(1), ElectedRole.Chair, 1), (Id(2), ElectedRole.ViceChair, 1), (Id(3), ElectedRole.ViceChair, 1), (Id(4), ElectedRole.ViceChair, 2), (Id(5), ElectedRole.ViceChair, 2)],
            outcome.Elected.Select(e => (e.CandidateId, e.Role, e.Round)));
        // The further round votes on the vice-chair posts only, 等额: two seats, two candidates.
        var contest = Assert.Single(outcome.Rounds[1].Contests);
        Assert.Equal((ElectedRole.ViceChair, 2), (contest.Role, contest.Seats));
        Assert.Equal([Id(4), Id(5)], contest.CandidateIds);
        Assert.Contains("主席候选人01当选（第1轮）", Assert.Single(outcome.Explanations, e => e.Code == ElectionCodes.Formed).Chinese, StringComparison.Ordinal);
        Assert.StartsWith("第2轮（另行选举）副主席选举：", Assert.Single(outcome.Rounds[1].Explanations, e => e.Code == ElectionCodes.Elected).Chinese, StringComparison.Ordinal);
    }

    [Fact]
    public void FurtherRound_CannotVoteOnTheChairAlreadyElected() =>
        Assert.True(Meeting(ChairAndTwoViceChairs, Ballots(25, 21, new() { [Id(1)] = 16, [Id(4)] = 16, [Id(5)] = 15 })).Explains(ElectionCodes.UnknownCandidateVoted));

    [Fact]
    public void FurtherRound_MayNominateAnotherExecutiveForAnOpenPost_AsManyAsSeats()
    {
        var renominated = Ballots(25, 21, new() { [Id(4)] = 16, [Id(6)] = 15 }) with { Nomination = new LeadershipNomination([], [Id(4), Id(6)]) };

        var outcome = Meeting(ChairAndTwoViceChairs, renominated);

        Assert.Equal(ElectionStatus.Valid, outcome.Status);
        Assert.Contains(outcome.Elected, e => e.CandidateId == Id(6) && e.Role == ElectedRole.ViceChair && e.Round == 2);
    }

    [Theory]
    [InlineData("c04")]
    [InlineData("c04", "c06", "c07")]
    [InlineData("c02", "c06")]
    [InlineData("c04", "c27")]
    public void FurtherRoundNomination_ThatIsNotOneForOneFromTheCommittee_IsRefused(params string[] viceChairs)
    {
        var renominated = Ballots(25, 21, viceChairs.ToDictionary(id => id, _ => 15)) with { Nomination = new LeadershipNomination([], viceChairs) };

        var outcome = Meeting(ChairAndTwoViceChairs, renominated);

        Assert.Equal(ElectionStatus.RecordRejected, outcome.Status);
        Assert.True(outcome.Explains(ElectionCodes.RoundNominationInvalid));
    }

    [Fact]
    public void ChairNotElectedInEitherRound_FailsTheMeeting_AndSaysWhy()
    {
        var outcome = Meeting(Ballots(25, 22, Votes(12, 18, 17, 16, 15)), Ballots(25, 22, new() { [Id(1)] = 12 }));

        Assert.Equal(ElectionStatus.Failed, outcome.Status);
        Assert.StartsWith("另行选举后，主席候选人候选人01未获应到执委过半数选票，主席未选出", Assert.Single(outcome.Explanations, e => e.Code == ElectionCodes.ChairNotElected).Chinese, StringComparison.Ordinal);
    }

    [Fact]
    public void LeadersNeedMoreThanHalfOfTheExecutivesDue_EvenWhereTheCongressCountsBallotsReturned()
    {
        var slate = TownshipSlate().Under(basis: MajorityBasis.OfBallotsReturned);

        // 12 of 22 ballots returned is more than half of them, but not more than half of the 25 executives due.
        var outcome = ElectionCount.CountExecutiveMeeting(slate, ElectionRules.Default, ValidTownshipCongress(), Ballots(25, 22, Votes(20, 18, 17, 16, 12)));

        Assert.Equal(4, outcome.Elected.Count);
        Assert.Equal([Id(5)], Assert.Single(outcome.AllExplanations, e => e.Code == ElectionCodes.BelowMajority).Subjects);
    }
}
