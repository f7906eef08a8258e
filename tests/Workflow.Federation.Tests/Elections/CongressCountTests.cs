using Workflow.Federation.Elections;
using Workflow.Federation.Kinds;
using static Workflow.Federation.Tests.Elections.ElectionBuilders;

namespace Workflow.Federation.Tests.Elections;

public sealed class CongressCountTests
{
    private static ElectionOutcome Count(BallotRecord ballots, CandidateSlate? slate = null, ElectionRules? rules = null) =>
        ElectionCount.CountCongress(slate ?? TownshipSlate(), rules ?? ElectionRules.Default, ballots);

    /// <summary>c01–c28 with the given votes for the first ones and 0 for the rest.</summary>
    private static Dictionary<string, int> TownshipVotes(params int[] leading) => Votes([.. leading, .. Enumerable.Repeat(0, 28 - leading.Length)]);

    [Fact]
    public void TwentyEightCandidatesFor25Seats_ElectsTheTop25WithMoreThanHalfOfTheDelegatesDue()
    {
        var outcome = Count(TownshipCongressBallots());

        Assert.Equal(ElectionStatus.Valid, outcome.Status);
        Assert.Equal(Ids(1, 25), outcome.Elected.Select(e => e.CandidateId));
        Assert.All(outcome.Elected, e => Assert.Equal(ElectedRole.ExecutiveMember, e.Role));
        Assert.Equal(80, outcome.Elected[0].Votes);
        Assert.Equal("候选人01", outcome.Elected[0].Name);
        Assert.Equal(0, outcome.SeatsVacant);
        Assert.True(outcome.Explains(ElectionCodes.QuorumMet));
        var below = Assert.Single(outcome.AllExplanations, e => e.Code == ElectionCodes.BelowMajority);
        Assert.Equal(Ids(26, 28), below.Subjects);
        Assert.Equal(51, below.Figures["needed"]);
    }

    [Fact]
    public void Elected_AreListedInVoteOrder_NotListOrder()
    {
        var outcome = Count(Ballots(100, 90, TownshipVotes([.. Enumerable.Range(0, 25).Select(i => 56 + i), 10, 10, 10])));

        Assert.Equal(Ids(1, 25).Reverse(), outcome.Elected.Select(e => e.CandidateId));
    }

    [Fact]
    public void MoreBallotsReturnedThanIssued_IsRefused_BecauseTheRoundIsVoidAndVotedAgain()
    {
        // 100 delegates due, 60 present, 60 ballots issued, 61 returned.
        var outcome = Count(Ballots(100, 60, TownshipVotes(55, 55), issued: 60, returned: 61));

        Assert.Equal(ElectionStatus.RecordRejected, outcome.Status);
        Assert.Empty(outcome.Elected);
        var @void = Assert.Single(outcome.AllExplanations, e => e.Code == ElectionCodes.VoteVoid);
        Assert.Equal(60, @void.Figures["issued"]);
        Assert.Equal(61, @void.Figures["returned"]);
        Assert.Contains("无效", @void.Chinese, StringComparison.Ordinal);
    }

    [Fact]
    public void HalfOfTheDelegatesPresent_IsNoQuorum()
    {
        // 100 delegates due, 50 present: not more than half.
        var outcome = Count(Ballots(100, 50, TownshipVotes(50)));

        Assert.Equal(ElectionStatus.Failed, outcome.Status);
        Assert.Empty(outcome.NextRound);
        var quorum = Assert.Single(outcome.AllExplanations, e => e.Code == ElectionCodes.QuorumNotMet);
        Assert.Equal(100, quorum.Figures["due"]);
        Assert.Equal(50, quorum.Figures["present"]);
    }

    [Fact]
    public void ByDefault_TwoThirdsPresentIsNoQuorum_AndOneMoreIs() // published township election rules: more than two-thirds
    {
        Assert.True(Count(Ballots(99, 66, TownshipVotes([.. Enumerable.Repeat(51, 25)]))).Explains(ElectionCodes.QuorumNotMet));
        Assert.True(Count(Ballots(99, 67, TownshipVotes([.. Enumerable.Repeat(51, 25)]))).Explains(ElectionCodes.QuorumMet));
    }

    [Fact]
    public void WhereTheRulesSayTwoThirdsOrMore_ExactlyTwoThirdsPresentIsAQuorum_AndTheResultSaysSo() // 三分之二以上 includes the number
    {
        var rules = ElectionRules.FromOptions(new ElectionOptions { Quorum = Quorum.TwoThirdsOrMore });
        var met = Count(Ballots(99, 66, TownshipVotes([.. Enumerable.Repeat(51, 25)])), rules: rules);
        var shortOne = Count(Ballots(99, 65, TownshipVotes([.. Enumerable.Repeat(51, 25)])), rules: rules);

        Assert.Contains("实到66名，达到应到人数的三分之二以上，选举有效", met.AllExplanations.Single(e => e.Code == ElectionCodes.QuorumMet).Chinese, StringComparison.Ordinal);
        Assert.Contains("实到65名，不足应到人数的三分之二，不能进行选举", shortOne.AllExplanations.Single(e => e.Code == ElectionCodes.QuorumNotMet).Chinese, StringComparison.Ordinal);
    }

    [Fact]
    public void WhereThePlaceUsesMoreThanHalf_OneDelegateMoreThanHalf_IsAQuorum()
    {
        var rules = ElectionRules.FromOptions(new ElectionOptions { Quorum = Quorum.MoreThanHalf });
        Assert.True(Count(Ballots(100, 51, TownshipVotes([.. Enumerable.Repeat(51, 25)])), rules: rules).Explains(ElectionCodes.QuorumMet));
        Assert.True(Count(Ballots(100, 50, TownshipVotes([.. Enumerable.Repeat(50, 25)])), rules: rules).Explains(ElectionCodes.QuorumNotMet));
    }

    [Fact]
    public void VoidRound_IsRefused_EvenWithoutAQuorum()
    {
        var outcome = Count(Ballots(100, 40, TownshipVotes(), issued: 40, returned: 41));

        Assert.Equal(ElectionStatus.RecordRejected, outcome.Status);
        Assert.True(outcome.Explains(ElectionCodes.VoteVoid));
    }

    [Fact]
    public void MajorityIsCountedOnTheDelegatesDue_NotOnThosePresent()
    {
        // 70 of 100 present; 50 votes is five sevenths of those present but not more than half of those due.
        var outcome = Count(Ballots(100, 70, TownshipVotes([.. Enumerable.Repeat(51, 24), 50])));

        Assert.Equal(Ids(1, 24), outcome.Elected.Select(e => e.CandidateId));
        Assert.Contains(Id(25), Assert.Single(outcome.AllExplanations, e => e.Code == ElectionCodes.BelowMajority).Subjects);
    }

    [Fact]
    public void MoreCandidatesWithAMajorityThanSeats_TheSurplusIsNotElected()
    {
        var outcome = Count(Ballots(100, 90, TownshipVotes([.. Enumerable.Range(0, 25).Select(i => 85 - i), 55, 52, 10])));

        Assert.Equal(Ids(1, 25), outcome.Elected.Select(e => e.CandidateId));
        Assert.Equal([Id(26), Id(27)], Assert.Single(outcome.AllExplanations, e => e.Code == ElectionCodes.BeyondSeats).Subjects);
    }

    [Fact]
    public void TieAtTheLastSeat_LeavesItVacant_AndTheTiedStandInTheFurtherRound()
    {
        var outcome = Count(Ballots(100, 90, TownshipVotes([.. Enumerable.Range(0, 24).Select(i => 85 - i), 56, 56, 10])));

        Assert.Equal(ElectionStatus.Valid, outcome.Status);
        Assert.Equal(Ids(1, 24), outcome.Elected.Select(e => e.CandidateId));
        Assert.Equal([Id(25), Id(26)], outcome.Rounds[0].TiedCandidateIds);
        Assert.Equal(1, outcome.SeatsVacant);
        Assert.Equal([Id(25), Id(26)], Assert.Single(outcome.NextRound).CandidateIds);
        var tie = Assert.Single(outcome.AllExplanations, e => e.Code == ElectionCodes.TieAtLastSeat);
        Assert.Equal(56, tie.Figures["votes"]);
        Assert.Equal(1, tie.Figures["open"]);
    }

    [Fact]
    public void ThreeTiedForTheLastTwoSeats_LeavesBothSeatsOpen()
    {
        var outcome = Count(Ballots(100, 90, TownshipVotes([.. Enumerable.Range(0, 23).Select(i => 85 - i), 57, 57, 57, 10])));

        Assert.Equal(ElectionStatus.Valid, outcome.Status);
        Assert.Equal(23, outcome.Elected.Count);
        Assert.Equal(Ids(24, 26), outcome.Rounds[0].TiedCandidateIds);
        Assert.Equal(2, outcome.SeatsVacant);
    }

    [Fact]
    public void TieAboveTheLastSeat_ElectsBoth()
    {
        var outcome = Count(Ballots(100, 90, TownshipVotes([.. Enumerable.Repeat(70, 25), 10, 10, 10])));

        Assert.Equal(ElectionStatus.Valid, outcome.Status);
        Assert.Equal(25, outcome.Elected.Count);
    }

    [Fact]
    public void TieOfCandidatesWithoutAMajority_DoesNotBlockTheElection()
    {
        var outcome = Count(Ballots(100, 90, TownshipVotes([.. Enumerable.Repeat(70, 25), 40, 40, 10])));

        Assert.Equal(ElectionStatus.Valid, outcome.Status);
        Assert.Empty(outcome.Rounds[0].TiedCandidateIds);
    }

    [Fact]
    public void FewerElectedThanTheSmallestCommittee_KeepsThoseElected_AndCallsAFurtherRound()
    {
        // A township committee needs at least 21 executive members (seed 003); only 20 get a majority.
        var outcome = Count(Ballots(100, 90, TownshipVotes([.. Enumerable.Repeat(60, 20), .. Enumerable.Repeat(45, 8)])));

        Assert.Equal(ElectionStatus.Undecided, outcome.Status);
        Assert.Equal(Ids(1, 20), outcome.Elected.Select(e => e.CandidateId));
        // 5 seats and a margin of 1 take 6 by first-round votes; the other two tied with the sixth stand too.
        var next = Assert.Single(outcome.NextRound);
        Assert.Equal(5, next.Seats);
        Assert.Equal(Ids(21, 28), next.CandidateIds);
        var tooSmall = Assert.Single(outcome.AllExplanations, e => e.Code == ElectionCodes.CommitteeTooSmall);
        Assert.Equal(20, tooSmall.Figures["elected"]);
        Assert.Equal(21, tooSmall.Figures["min"]);
    }

    [Fact]
    public void FewerElectedThanSeatsButEnoughForTheCommittee_IsValidWithVacantSeats()
    {
        var outcome = Count(Ballots(100, 90, TownshipVotes([.. Enumerable.Repeat(60, 22), .. Enumerable.Repeat(45, 6)])));

        Assert.Equal(ElectionStatus.Valid, outcome.Status);
        Assert.Equal(22, outcome.Elected.Count);
        Assert.Equal(3, outcome.SeatsVacant);
        Assert.Equal(3, Assert.Single(outcome.AllExplanations, e => e.Code == ElectionCodes.SeatsVacant).Figures["vacant"]);
    }

    [Fact]
    public void DeliveryRiderCommitteeOfSeven_IsNotFormedWhileOneSeatIsOpen()
    {
        var slate = Slate(FederationKind.NewEmploymentGroup, 7, 8, 2);

        var outcome = Count(Ballots(30, 28, Votes(20, 20, 20, 20, 20, 20, 15, 10)), slate);

        Assert.Equal(ElectionStatus.Undecided, outcome.Status);
        Assert.True(outcome.Explains(ElectionCodes.CommitteeTooSmall));
    }

    [Fact]
    public void CommitteeOf53_IsElectedWhereConfigurationAllowsIt()
    {
        // Seed 003: the city federation's 53 executive members.
        var rules = ElectionRules.FromOptions(new ElectionOptions { CommitteeSizes = { [FederationKind.Joint] = CommitteeSize.Of(45, 55, 5, 9) } });
        var slate = Slate(FederationKind.Joint, 53, 56, 7);
        Assert.True(CandidateSlateCheck.Check(slate, rules, CongressDate).IsAccepted);

        var outcome = Count(Ballots(300, 280, Votes([.. Enumerable.Repeat(200, 53), 100, 100, 100])), slate, rules);

        Assert.Equal(ElectionStatus.Valid, outcome.Status);
        Assert.Equal(53, outcome.Elected.Count);
    }

    [Fact]
    public void InvalidBallots_AreExplainedAndLeaveTheValidOnesToCount()
    {
        var outcome = Count(Ballots(100, 90, TownshipVotes([.. Enumerable.Repeat(85, 25)]), invalid: 5));

        Assert.Equal(ElectionStatus.Valid, outcome.Status);
        var invalid = Assert.Single(outcome.AllExplanations, e => e.Code == ElectionCodes.InvalidBallots);
        Assert.Equal(85, invalid.Figures["valid"]);
    }

    [Fact]
    public void CandidateWithMoreVotesThanValidBallots_IsARecordToCorrect()
    {
        var outcome = Count(Ballots(100, 90, TownshipVotes([.. Enumerable.Repeat(86, 25)]), invalid: 5));

        Assert.Equal(ElectionStatus.RecordRejected, outcome.Status);
        Assert.False(outcome.CanBeRerun);
        Assert.True(outcome.Explains(ElectionCodes.RecordInconsistent));
    }

    [Theory]
    [InlineData(100, 101, 101, 101, 0)]
    [InlineData(100, 60, 61, 61, 0)]
    [InlineData(100, 60, 60, 60, 61)]
    [InlineData(0, 0, 0, 0, 0)]
    [InlineData(100, -1, 0, 0, 0)]
    public void RecordThatDoesNotAddUp_IsRejected(int due, int present, int issued, int returned, int invalid)
    {
        var outcome = Count(new BallotRecord(due, present, issued, returned, invalid, TownshipVotes()));

        Assert.Equal(ElectionStatus.RecordRejected, outcome.Status);
        Assert.All(outcome.Explanations, e => Assert.Equal(ElectionCodes.RecordInconsistent, e.Code));
    }

    [Fact]
    public void MoreVotesInAllThanBallotsTimesSeats_IsRejected()
    {
        // 3 valid ballots for 7 seats carry at most 21 names.
        var slate = Slate(FederationKind.NewEmploymentGroup, 7, 8, 2);

        var outcome = Count(Ballots(5, 3, Votes(3, 3, 3, 3, 3, 3, 3, 1)), slate);

        Assert.Equal(ElectionStatus.RecordRejected, outcome.Status);
    }

    [Fact]
    public void VotesForSomeoneNotOnTheList_AreRejected()
    {
        var votes = TownshipVotes([.. Enumerable.Repeat(60, 25)]);
        votes["stranger"] = 3;

        var outcome = Count(Ballots(100, 90, votes));

        Assert.Equal(ElectionStatus.RecordRejected, outcome.Status);
        Assert.Equal(["stranger"], Assert.Single(outcome.Explanations).Subjects);
    }

    [Fact]
    public void CandidateMissingFromTheCount_HasNoVotes()
    {
        var votes = TownshipVotes([.. Enumerable.Repeat(60, 25)]);
        votes.Remove(Id(28));

        Assert.Equal(ElectionStatus.Valid, Count(Ballots(100, 90, votes)).Status);
    }

    [Fact]
    public void MicroHome_IsNotCounted() =>
        Assert.Equal(ElectionStatus.RecordRejected, Count(Ballots(10, 10, Votes(10)), Slate(FederationKind.MicroHome, 1, 2, 0)).Status);
}
