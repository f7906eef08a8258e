using Workflow.Federation.Elections;
using static Workflow.Federation.Tests.Elections.ElectionBuilders;

namespace Workflow.Federation.Tests.Elections;

public sealed class ElectionHistoryTests
{
    private static readonly ElectionOutcome NoQuorum =
        ElectionCount.CountCongress(TownshipSlate(), ElectionRules.Default, Ballots(100, 50, Votes()));

    private static ElectionOutcome Meeting(params int[] votes) =>
        ElectionCount.CountExecutiveMeeting(TownshipSlate(), ElectionRules.Default, ValidTownshipCongress(), Ballots(25, 22, Votes(votes)));

    [Fact]
    public void FailedCongress_IsReRunAsTheNextAttempt()
    {
        var history = ElectionHistory.Empty.Record(NoQuorum).Accepted.Record(ValidTownshipCongress()).Accepted;

        Assert.Equal([1, 2], history.Attempts.Select(a => a.Number));
        Assert.Equal([ElectionStatus.Failed, ElectionStatus.Valid], history.Attempts.Select(a => a.Outcome.Status));
        Assert.Same(history.Attempts[1].Outcome, history.ValidOutcome(ElectionStage.Congress));
        Assert.False(history.IsComplete);
    }

    [Fact]
    public void ValidCongress_TakesNoFurtherAttempt()
    {
        var history = ElectionHistory.Empty.Record(ValidTownshipCongress()).Accepted;

        Assert.True(history.Record(ValidTownshipCongress()).Explains(ElectionCodes.AttemptAfterValid));
    }

    [Fact]
    public void MeetingAttempts_AreNumberedApartFromTheCongress()
    {
        var history = ElectionHistory.Empty.Record(ValidTownshipCongress()).Accepted
            .Record(Meeting(12, 18, 17, 16, 15)).Accepted
            .Record(Meeting(20, 18, 17, 16, 15)).Accepted;

        Assert.Equal([(ElectionStage.Congress, 1), (ElectionStage.FirstExecutiveMeeting, 1), (ElectionStage.FirstExecutiveMeeting, 2)], history.Attempts.Select(a => (a.Stage, a.Number)));
        Assert.True(history.IsComplete);
    }

    [Fact]
    public void MeetingBeforeAValidCongress_IsRefused() =>
        Assert.True(ElectionHistory.Empty.Record(Meeting(20, 18, 17, 16, 15)).Explains(ElectionCodes.MeetingBeforeCongress));

    [Fact]
    public void RejectedRecord_IsNotAnAttempt()
    {
        var rejected = ElectionCount.CountCongress(TownshipSlate(), ElectionRules.Default, Ballots(100, 101, Votes()));

        var result = ElectionHistory.Empty.Record(rejected);

        Assert.False(result.IsAccepted);
        Assert.True(result.Explains(ElectionCodes.RejectedRecordNotAnAttempt));
        Assert.Equal(1, ElectionHistory.Empty.NextAttemptNumber(ElectionStage.Congress));
    }

    [Fact]
    public void AskingARefusalForItsValue_Throws() =>
        Assert.Throws<InvalidOperationException>(() => ElectionHistory.Empty.Record(Meeting(20, 18, 17, 16, 15)).Accepted);
}
