using Workflow.Federation.Elections;
using Workflow.Federation.Kinds;
using static Workflow.Federation.Tests.Elections.ElectionBuilders;

namespace Workflow.Federation.Tests.Elections;

public sealed class CandidateSlateCheckTests
{
    private static Checked<CandidateSlate> Check(CandidateSlate slate, ElectionRules? rules = null) =>
        CandidateSlateCheck.Check(slate, rules ?? ElectionRules.Default, CongressDate);

    [Fact]
    public void TownshipSlate_With28CandidatesFor25Seats_IsAccepted() =>
        Assert.True(Check(TownshipSlate()).IsAccepted);

    [Fact]
    public void ExecutiveList_WithAsManyCandidatesAsSeats_IsRefused_BecauseExecutivesAreElectedCompetitively()
    {
        var result = Check(Slate(FederationKind.Township, 25, 25, 4));

        var refusal = Assert.Single(result.Refusals);
        Assert.Equal(ElectionCodes.ExecutiveCandidatesNotCompetitive, refusal.Code);
        Assert.Equal(26, refusal.Figures["needed"]);
        Assert.Equal(25, refusal.Figures["candidates"]);
        Assert.Contains("差额", refusal.Chinese, StringComparison.Ordinal);
    }

    [Fact]
    public void ViceChairNomination_WithMoreCandidatesThanSeats_IsRefused_BecauseLeadersAreElectedOneForOne()
    {
        var slate = TownshipSlate() with { Leadership = new LeadershipNomination([Id(1)], Ids(2, 6)) };

        var refusal = Assert.Single(Check(slate).Refusals);

        Assert.Equal(ElectionCodes.ViceChairCandidatesNotEqualToSeats, refusal.Code);
        Assert.Equal(4, refusal.Figures["seats"]);
        Assert.Equal(5, refusal.Figures["candidates"]);
    }

    [Fact]
    public void TwoChairCandidates_AreRefused()
    {
        var slate = TownshipSlate() with { Leadership = new LeadershipNomination([Id(1), Id(6)], Ids(2, 5)) };

        Assert.Equal(ElectionCodes.ChairCandidatesNotEqualToSeats, Assert.Single(Check(slate).Refusals).Code);
    }

    [Fact]
    public void SeatsOutsideTheKindsRange_AreRefused()
    {
        var result = Check(Slate(FederationKind.Township, 20, 24, 6));

        Assert.True(result.Explains(ElectionCodes.ExecutiveSeatsOutOfRange));
        Assert.True(result.Explains(ElectionCodes.ViceChairSeatsOutOfRange));
    }

    [Fact]
    public void LeaderNotOnTheExecutiveList_IsRefused()
    {
        var slate = TownshipSlate() with { Leadership = new LeadershipNomination(["someone-else"], Ids(2, 5)) };

        var refusal = Assert.Single(Check(slate).Refusals);

        Assert.Equal(ElectionCodes.LeaderNotExecutiveCandidate, refusal.Code);
        Assert.Equal(["someone-else"], refusal.Subjects);
    }

    [Fact]
    public void ChairAlsoNominatedForViceChair_IsRefused()
    {
        var slate = TownshipSlate() with { Leadership = new LeadershipNomination([Id(1)], [Id(1), Id(2), Id(3), Id(4)]) };

        Assert.Equal(ElectionCodes.LeaderNominatedTwice, Assert.Single(Check(slate).Refusals).Code);
    }

    [Fact]
    public void SameCandidateListedTwice_IsRefused()
    {
        var slate = TownshipSlate() with { ExecutiveCandidates = [.. TownshipSlate().ExecutiveCandidates, Candidate(3)] };

        var refusal = Assert.Single(Check(slate).Refusals);

        Assert.Equal(ElectionCodes.DuplicateCandidate, refusal.Code);
        Assert.Equal([Id(3)], refusal.Subjects);
    }

    [Fact]
    public void ManAsCandidate_IsRefusedByDefault_AndAcceptedWhereConfigurationAllowsMen()
    {
        var slate = TownshipSlate().With(7, c => c with { Gender = Gender.Male });

        var refusal = Assert.Single(Check(slate).Refusals);
        Assert.Equal(ElectionCodes.CandidateNotWoman, refusal.Code);
        Assert.Contains("候选人07", refusal.Chinese, StringComparison.Ordinal);

        var lenient = ElectionRules.FromOptions(new ElectionOptions { CandidatesMustBeWomen = false });
        Assert.True(Check(slate, lenient).IsAccepted);
    }

    [Fact]
    public void ProfileWithoutOrganization_IsRefused() =>
        Assert.Equal(ElectionCodes.CandidateProfileIncomplete, Assert.Single(Check(TownshipSlate().With(9, c => c with { Organization = " " })).Refusals).Code);

    [Theory]
    [InlineData(2008, true)]
    [InlineData(2009, false)]
    public void CandidateAge_IsCountedInTheCongressYear(int birthYear, bool accepted) =>
        Assert.Equal(accepted, Check(TownshipSlate().With(9, c => c with { BirthYear = birthYear })).IsAccepted);

    [Fact]
    public void MicroHome_IsRefused_BecauseItHasAHeadAndNoElection()
    {
        var refusal = Assert.Single(Check(Slate(FederationKind.MicroHome, 1, 2, 0)).Refusals);

        Assert.Equal(ElectionCodes.NoElectionForKind, refusal.Code);
        Assert.Contains("微家长", refusal.Chinese, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryProblem_IsExplainedAtOnce()
    {
        var slate = Slate(FederationKind.NewEmploymentGroup, 7, 7, 2).With(3, c => c with { Gender = Gender.Male, Title = "" });

        var codes = Check(slate).Refusals.Select(r => r.Code).ToList();

        Assert.Equal([ElectionCodes.ExecutiveCandidatesNotCompetitive, ElectionCodes.CandidateProfileIncomplete, ElectionCodes.CandidateNotWoman], codes);
    }

    [Fact]
    public void Refusals_CarryChineseAndEnglishText() =>
        Assert.All(Check(Slate(FederationKind.Township, 30, 30, 9)).Refusals, r =>
        {
            Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", r.Chinese);
            Assert.Matches("[a-z]{3}", r.English);
        });
}
