using Workflow.Federation.Elections;
using static Workflow.Federation.Tests.Elections.ElectionBuilders;

namespace Workflow.Federation.Tests.Elections;

public sealed class ExecutiveMeetingCountTests
{
    // The township congress elected c01–c25; c01 stands for chair, c02–c05 for the four vice-chair seats.
    private static ElectionOutcome Count(BallotRecord ballots, LeadershipNomination? nomination = null, ElectionOutcome? congress = null) =>
        ElectionCount.CountExecutiveMeeting(TownshipSlate(), ElectionRules.Default, congress ?? ValidTownshipCongress(), ballots with { Nomination = nomination });

    [Fact]
    public void ChairAndViceChairsWithMoreThanHalfOfTheExecutivesDue_AreElected()
    {
        var outcome = Count(Ballots(25, 22, Votes(20, 18, 17, 16, 15)));

        Assert.Equal(ElectionStage.FirstExecutiveMeeting, outcome.Stage);
        Assert.Equal(ElectionStatus.Valid, outcome.Status);
        Assert.Equal(
            [(Id(1), ElectedRole.Chair), (Id(2), ElectedRole.ViceChair), (Id(3), ElectedRole.ViceChair), (Id(4), ElectedRole.ViceChair), (Id(5), ElectedRole.ViceChair)],
            outcome.Elected.Select(e => (e.CandidateId, e.Role)));
    }

    [Fact]
    public void ViceChairWithoutAMajority_LeavesHerSeatVacant_WhileTheMinimumIsMet()
    {
        // 12 of 25 executives due is not more than half; three vice-chairs still meet the township minimum of 3.
        var outcome = Count(Ballots(25, 22, Votes(20, 18, 17, 16, 12)));

        Assert.Equal(ElectionStatus.Valid, outcome.Status);
        Assert.Equal(4, outcome.Elected.Count);
        Assert.Equal(1, outcome.SeatsVacant);
        Assert.Equal([Id(5)], Assert.Single(outcome.AllExplanations, e => e.Code == ElectionCodes.BelowMajority).Subjects);
    }

    [Fact]
    public void TooFewViceChairsElected_KeepsThoseElected_AndCallsAFurtherRoundForTheOpenPosts()
    {
        var outcome = Count(Ballots(25, 22, Votes(20, 18, 17, 12, 12)));

        Assert.Equal(ElectionStatus.Undecided, outcome.Status);
        Assert.Equal(Ids(1, 3), outcome.Elected.Select(e => e.CandidateId));
        Assert.True(outcome.Explains(ElectionCodes.TooFewViceChairs));
        var next = Assert.Single(outcome.NextRound);
        Assert.Equal((ElectedRole.ViceChair, 2), (next.Role, next.Seats));
        Assert.Equal([Id(4), Id(5)], next.CandidateIds);
    }

    [Fact]
    public void ChairWithoutAMajority_IsVotedAgain_WhileTheViceChairsStayElected()
    {
        var outcome = Count(Ballots(25, 22, Votes(12, 18, 17, 16, 15)));

        Assert.Equal(ElectionStatus.Undecided, outcome.Status);
        Assert.Equal(Ids(2, 5), outcome.Elected.Select(e => e.CandidateId));
        Assert.Equal(ElectedRole.Chair, Assert.Single(outcome.NextRound).Role);
        Assert.Equal([Id(1)], Assert.Single(outcome.AllExplanations, e => e.Code == ElectionCodes.ChairNotElected).Subjects);
        var below = Assert.Single(outcome.AllExplanations, e => e.Code == ElectionCodes.BelowMajority);
        Assert.StartsWith("主席选举", below.Chinese, StringComparison.Ordinal);
        Assert.StartsWith("Chair:", below.English, StringComparison.Ordinal);
    }

    [Fact]
    public void HalfOfTheExecutivesOrFewerPresent_IsNoQuorum() =>
        Assert.True(Count(Ballots(25, 12, Votes(12, 12, 12, 12, 12))).Explains(ElectionCodes.QuorumNotMet));

    [Fact]
    public void MoreBallotsReturnedThanIssued_IsRefused()
    {
        var outcome = Count(Ballots(25, 22, Votes(20, 18, 17, 16, 15), issued: 22, returned: 23));

        Assert.Equal(ElectionStatus.RecordRejected, outcome.Status);
        Assert.True(outcome.Explains(ElectionCodes.VoteVoid));
    }

    [Fact]
    public void ExecutivesDue_MustBeTheElectedCommittee()
    {
        var outcome = Count(Ballots(24, 22, Votes(20, 18, 17, 16, 15)));

        Assert.Equal(ElectionStatus.RecordRejected, outcome.Status);
        Assert.True(outcome.Explains(ElectionCodes.ExecutivesDueMismatch));
    }

    [Fact]
    public void NomineeNotElectedToTheCommittee_IsRejected_AndANewNominationIsCounted()
    {
        var nominated = new LeadershipNomination([Id(1)], [Id(2), Id(3), Id(4), Id(27)]);
        var renominated = new LeadershipNomination([Id(1)], [Id(2), Id(3), Id(4), Id(6)]);
        var votes = Votes(20, 18, 17, 16);

        var rejected = Count(Ballots(25, 22, new Dictionary<string, int>(votes) { [Id(27)] = 15 }), nominated);
        var counted = Count(Ballots(25, 22, new Dictionary<string, int>(votes) { [Id(6)] = 15 }), renominated);

        Assert.Equal(ElectionStatus.RecordRejected, rejected.Status);
        Assert.Equal([Id(27)], Assert.Single(rejected.AllExplanations, e => e.Code == ElectionCodes.NomineeNotElectedExecutive).Subjects);
        Assert.Equal(ElectionStatus.Valid, counted.Status);
        Assert.Contains(counted.Elected, e => e.CandidateId == Id(6) && e.Role == ElectedRole.ViceChair);
    }

    [Fact]
    public void VotesForSomeoneNotNominated_AreRejected() =>
        Assert.True(Count(Ballots(25, 22, Votes(20, 18, 17, 16, 15, 3))).Explains(ElectionCodes.UnknownCandidateVoted));

    [Fact]
    public void MeetingAfterAFailedCongress_IsRejected()
    {
        var failed = ElectionCount.CountCongress(TownshipSlate(), ElectionRules.Default, Ballots(100, 50, Votes()));

        var outcome = Count(Ballots(25, 22, Votes(20, 18, 17, 16, 15)), congress: failed);

        Assert.Equal(ElectionStatus.RecordRejected, outcome.Status);
        Assert.True(outcome.Explains(ElectionCodes.CongressNotValid));
    }
}
