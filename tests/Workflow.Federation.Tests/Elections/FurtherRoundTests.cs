using Workflow.Federation.Elections;
using static Workflow.Federation.Tests.Elections.ElectionBuilders;

namespace Workflow.Federation.Tests.Elections;

/// <summary>另行选举: those elected stay elected, and the same meeting votes once more for the vacant seats.</summary>
public sealed class FurtherRoundTests
{
    private static ElectionOutcome Congress(CandidateSlate slate, params BallotRecord[] rounds) =>
        ElectionCount.CountCongress(slate, ElectionRules.Default, rounds);

    /// <summary>c01–c28 with the given votes for the first ones and 0 for the rest.</summary>
    private static Dictionary<string, int> TownshipVotes(params int[] leading) => Votes([.. leading, .. Enumerable.Repeat(0, 28 - leading.Length)]);

    [Fact]
    public void SecondRound_FillsTheOneOpenSeat_AndTheCommitteeIsFormed()
    {
        // A delivery-rider committee is exactly 7. Round 1: six get more than half of the 30 delegates due (16 votes); c07 has 15.
        var first = Ballots(30, 28, Votes(20, 20, 19, 18, 17, 16, 15, 10));
        var afterOne = Congress(RiderSlate(), first);
        Assert.Equal(ElectionStatus.Undecided, afterOne.Status);
        var next = Assert.Single(afterOne.NextRound);
        // One seat, one more candidate than seats (差额), taken by their first-round votes.
        Assert.Equal(1, next.Seats);
        Assert.Equal([Id(7), Id(8)], next.CandidateIds);
        Assert.Contains("另行选举", Assert.Single(afterOne.Explanations, e => e.Code == ElectionCodes.FurtherRound).Chinese, StringComparison.Ordinal);

        var outcome = Congress(RiderSlate(), first, Ballots(30, 27, new() { [Id(7)] = 19, [Id(8)] = 8 }));

        Assert.Equal(ElectionStatus.Valid, outcome.Status);
        Assert.Equal(0, outcome.SeatsVacant);
        Assert.Equal(Ids(1, 7), outcome.Elected.Select(e => e.CandidateId));
        Assert.Equal((2, 19), (outcome.Elected[^1].Round, outcome.Elected[^1].Votes));
        Assert.All(outcome.Elected.Take(6), e => Assert.Equal(1, e.Round));
        Assert.Empty(outcome.NextRound);
        var second = outcome.Rounds[1];
        Assert.Equal(2, second.Number);
        Assert.Equal(27, second.Ballots.Present);
        var summary = Assert.Single(second.Explanations, e => e.Code == ElectionCodes.Round);
        Assert.Equal("第2轮（另行选举）：应到代表30名，实到27名；发出选票27张，收回27张，无效0张，有效27张；执委应选1名、候选人2名；当选1名。", summary.Chinese);
    }

    [Fact]
    public void SecondRound_ThatStillLeavesASeatOpen_SaysWhichAndWhy_AndTheCommitteeIsFormedAtItsMinimum()
    {
        // Township, 25 seats, at least 21 (seed 003). Round 1 elects 22; 3 seats go to a further round among 4 candidates.
        var first = Ballots(100, 90, TownshipVotes([.. Enumerable.Repeat(60, 22), 49, 45, 40, 38, 20, 10]));
        var firstCount = Congress(TownshipSlate(), first);
        Assert.Equal(ElectionStatus.Valid, firstCount.Status);
        Assert.Equal(Ids(23, 26), Assert.Single(firstCount.NextRound).CandidateIds);

        var outcome = Congress(TownshipSlate(), first, Ballots(100, 88, new() { [Id(23)] = 70, [Id(24)] = 55, [Id(25)] = 50, [Id(26)] = 40 }));

        Assert.Equal(ElectionStatus.Valid, outcome.Status);
        Assert.Equal(24, outcome.Elected.Count);
        Assert.Equal(1, outcome.SeatsVacant);
        Assert.Empty(outcome.NextRound);
        var open = Assert.Single(outcome.Explanations, e => e.Code == ElectionCodes.SeatsVacant);
        Assert.Equal("另行选举后，应选执委25名，当选24名，1个名额空缺（候选人25、候选人26得票未过半数）。", open.Chinese);
        Assert.Equal([Id(25), Id(26)], open.Subjects);
        Assert.Contains("达到乡镇(街道)妇联执委最少21名，执委会组成", Assert.Single(outcome.Explanations, e => e.Code == ElectionCodes.Formed).Chinese, StringComparison.Ordinal);
    }

    [Fact]
    public void SecondRound_ThatLeavesTheCommitteeBelowItsMinimum_FailsTheElection()
    {
        var first = Ballots(30, 28, Votes(20, 20, 19, 18, 17, 16, 15, 10));

        var outcome = Congress(RiderSlate(), first, Ballots(30, 27, new() { [Id(7)] = 13, [Id(8)] = 12 }));

        Assert.Equal(ElectionStatus.Failed, outcome.Status);
        Assert.Empty(outcome.Elected);
        var tooSmall = Assert.Single(outcome.Explanations, e => e.Code == ElectionCodes.CommitteeTooSmall);
        Assert.StartsWith("另行选举后，当选执委6名，少于新就业群体妇联执委最少7名，执委会不能组成", tooSmall.Chinese, StringComparison.Ordinal);
    }

    [Fact]
    public void SecondRoundWithoutAQuorum_ElectsNobody_AndSaysSo()
    {
        var first = Ballots(100, 90, TownshipVotes([.. Enumerable.Repeat(60, 22), 49, 45, 40, 38, 20, 10]));

        var outcome = Congress(TownshipSlate(), first, Ballots(100, 60, new() { [Id(23)] = 55 }));

        Assert.Equal(ElectionStatus.Valid, outcome.Status);
        Assert.Equal(22, outcome.Elected.Count);
        Assert.Contains("第2轮到会人数不足", Assert.Single(outcome.Explanations, e => e.Code == ElectionCodes.SeatsVacant).Chinese, StringComparison.Ordinal);
    }

    [Fact]
    public void FurtherRound_TakesTheMarginOfTheRequestsRules()
    {
        var slate = Slate(Federation.Kinds.FederationKind.NewEmploymentGroup, 7, 9, 2).Under(margin: 2);

        var outcome = Congress(slate, Ballots(30, 28, Votes(20, 20, 19, 18, 17, 16, 15, 12, 10)));

        Assert.Equal([Id(7), Id(8), Id(9)], Assert.Single(outcome.NextRound).CandidateIds);
    }

    [Fact]
    public void VotesInTheSecondRoundForSomeoneNotStanding_AreRefused()
    {
        var first = Ballots(30, 28, Votes(20, 20, 19, 18, 17, 16, 15, 10));

        var outcome = Congress(RiderSlate(), first, Ballots(30, 27, new() { [Id(1)] = 19 }));

        Assert.Equal(ElectionStatus.RecordRejected, outcome.Status);
        Assert.Equal([Id(1)], Assert.Single(outcome.Explanations, e => e.Code == ElectionCodes.UnknownCandidateVoted).Subjects);
    }

    [Fact]
    public void SecondRoundAfterEverySeatIsFilled_IsRefused() =>
        Assert.True(Congress(TownshipSlate(), TownshipCongressBallots(), Ballots(100, 90, Votes())).Explains(ElectionCodes.RoundNotNeeded));

    [Fact]
    public void ThirdRound_IsRefused_BecauseTheMeetingVotesAgainOnce()
    {
        var first = Ballots(30, 28, Votes(20, 20, 19, 18, 17, 16, 15, 10));
        var again = Ballots(30, 27, new() { [Id(7)] = 13, [Id(8)] = 12 });

        Assert.True(Congress(RiderSlate(), first, again, again).Explains(ElectionCodes.TooManyRounds));
    }

    [Fact]
    public void VotesBeyondValidBallotsTimesSeats_InTheSecondRound_AreRefused()
    {
        var first = Ballots(30, 28, Votes(20, 20, 19, 18, 17, 16, 15, 10));

        // One seat: 27 valid ballots carry at most 27 names.
        var outcome = Congress(RiderSlate(), first, Ballots(30, 27, new() { [Id(7)] = 20, [Id(8)] = 10 }));

        Assert.Equal(ElectionStatus.RecordRejected, outcome.Status);
        Assert.Contains("乘以应选名额1名", Assert.Single(outcome.Explanations).Chinese, StringComparison.Ordinal);
    }

    [Fact]
    public void RoundsOfOneMeeting_HaveTheSameNumberDue() =>
        Assert.True(Congress(RiderSlate(), Ballots(30, 28, Votes(20, 20, 19, 18, 17, 16, 15, 10)), Ballots(31, 27, new() { [Id(7)] = 19 }))
            .Explains(ElectionCodes.RoundsDueDiffer));
}
