using Workflow.Federation.Elections;
using static Workflow.Federation.Tests.Elections.ElectionBuilders;

namespace Workflow.Federation.Tests.Elections;

/// <summary>The election rules (选举办法) are the request's: the count uses them and quotes them.</summary>
public sealed class ElectionProcedureTests
{
    private static readonly ElectionRules HalfByConfiguration = ElectionRules.FromOptions(new ElectionOptions { Quorum = Quorum.MoreThanHalf });

    // A delivery-rider federation's congress: 30 delegates due; c01–c07 get 16 votes, more than half of those due.
    private static BallotRecord Present(int present) => Ballots(30, present, Votes(16, 16, 16, 16, 16, 16, 16, 0));

    [Fact]
    public void TwoThirdsRule_TwentyOfThirtyPresent_IsNoQuorum_AndTwentyFiveIs()
    {
        var slate = RiderSlate().Under(Quorum.MoreThanTwoThirds);

        var failed = ElectionCount.CountCongress(slate, ElectionRules.Default, Present(20));
        var held = ElectionCount.CountCongress(slate, ElectionRules.Default, Present(25));

        Assert.Equal(ElectionStatus.Failed, failed.Status);
        Assert.Empty(failed.NextRound);
        Assert.Equal("应到代表30名，实到20名，未超过应到人数的三分之二，不能进行选举。",
            Assert.Single(failed.AllExplanations, e => e.Code == ElectionCodes.QuorumNotMet).Chinese);
        Assert.Equal(ElectionStatus.Valid, held.Status);
        Assert.Equal("应到代表30名，实到25名，超过应到人数的三分之二，选举有效。",
            Assert.Single(held.AllExplanations, e => e.Code == ElectionCodes.QuorumMet).Chinese);
    }

    [Fact]
    public void RequestsTwoThirdsRule_OverridesAConfiguredHalf()
    {
        // Configuration says more than half; this request's approved rules say more than two-thirds: 20 of 30 is not enough.
        var outcome = ElectionCount.CountCongress(RiderSlate().Under(Quorum.MoreThanTwoThirds), HalfByConfiguration, Present(20));

        Assert.Equal(ElectionStatus.Failed, outcome.Status);
        Assert.Equal(Quorum.MoreThanTwoThirds, outcome.Procedure!.Quorum);
    }

    [Fact]
    public void RequestsHalfRule_OverridesTheConfiguredTwoThirds()
    {
        var outcome = ElectionCount.CountCongress(RiderSlate().Under(Quorum.MoreThanHalf), ElectionRules.Default, Present(16));

        Assert.Equal(ElectionStatus.Valid, outcome.Status);
        Assert.Equal("应到代表30名，实到16名，超过应到人数的半数，选举有效。", Assert.Single(outcome.AllExplanations, e => e.Code == ElectionCodes.QuorumMet).Chinese);
    }

    [Fact]
    public void SlateWithoutRulesOfItsOwn_CountsByTheConfiguredDefault()
    {
        var outcome = ElectionCount.CountCongress(RiderSlate(), HalfByConfiguration, Present(16));

        Assert.Equal(ElectionStatus.Valid, outcome.Status);
        Assert.Equal(HalfByConfiguration.DefaultProcedure, outcome.Procedure);
    }

    [Fact]
    public void MajorityOfBallotsReturned_ElectsWithFewerVotesThanMajorityOfThoseDue()
    {
        // 30 due, 21 present and returned: 11 votes is more than half of 21 returned, not of 30 due.
        var ballots = Ballots(30, 21, Votes(20, 20, 20, 20, 20, 20, 11, 5));

        var ofDue = ElectionCount.CountCongress(RiderSlate().Under(basis: MajorityBasis.OfThoseDue), ElectionRules.Default, ballots);
        var ofReturned = ElectionCount.CountCongress(RiderSlate().Under(basis: MajorityBasis.OfBallotsReturned), ElectionRules.Default, ballots);

        Assert.DoesNotContain(ofDue.Elected, e => e.CandidateId == Id(7));
        Assert.Contains(ofReturned.Elected, e => e.CandidateId == Id(7));
        Assert.Contains("得票超过收回选票21张的半数（至少11票）", Assert.Single(ofReturned.AllExplanations, e => e.Code == ElectionCodes.Elected).Chinese, StringComparison.Ordinal);
    }

    [Fact]
    public void TheResult_QuotesTheRulesItWasCountedBy()
    {
        var outcome = ElectionCount.CountCongress(RiderSlate().Under(Quorum.MoreThanHalf, MajorityBasis.OfBallotsReturned, margin: 1), ElectionRules.Default, Present(25));

        var quoted = Assert.Single(outcome.Explanations, e => e.Code == ElectionCodes.Procedure).Chinese;
        Assert.Contains("应选执委7名、副主席2名", quoted, StringComparison.Ordinal);
        Assert.Contains("到会人数超过应到人数的半数方可选举", quoted, StringComparison.Ordinal);
        Assert.Contains("超过收回选票的半数始得当选", quoted, StringComparison.Ordinal);
        Assert.Contains("至少多1名（差额）", quoted, StringComparison.Ordinal);
    }

    [Fact]
    public void RequestsMargin_SetsHowManyCandidatesTheSlateNeeds()
    {
        var slate = RiderSlate().Under(margin: 2);

        var refusal = Assert.Single(CandidateSlateCheck.Check(slate, ElectionRules.Default, CongressDate).Refusals);

        Assert.Equal(ElectionCodes.ExecutiveCandidatesNotCompetitive, refusal.Code);
        Assert.Equal(9, refusal.Figures["needed"]);
    }

    [Fact]
    public void MarginBelowOne_IsRefused_BecauseExecutivesAreElectedCompetitively() =>
        Assert.True(CandidateSlateCheck.Check(RiderSlate().Under(margin: 0), ElectionRules.Default, CongressDate).Explains(ElectionCodes.MarginTooSmall));
}
