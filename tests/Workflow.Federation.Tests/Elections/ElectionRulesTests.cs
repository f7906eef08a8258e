using Workflow.Federation.Elections;
using Workflow.Federation.Kinds;

namespace Workflow.Federation.Tests.Elections;

public sealed class ElectionRulesTests
{
    [Theory]
    [InlineData(FederationKind.VillageOrCommunity, 15, 15, 2, 2)]
    [InlineData(FederationKind.Township, 21, 25, 3, 5)]
    [InlineData(FederationKind.NewEmploymentGroup, 7, 7, 2, 3)]
    [InlineData(FederationKind.SocialOrganization, 7, 9, 2, 3)]
    [InlineData(FederationKind.Building, 9, 15, 2, 3)]
    [InlineData(FederationKind.BusinessDistrict, 9, 15, 2, 3)]
    [InlineData(FederationKind.IndustrialBase, 9, 15, 2, 3)]
    public void DefaultCommitteeSizes_AreThoseOfTheDesign(FederationKind kind, int minExecutives, int maxExecutives, int minViceChairs, int maxViceChairs) =>
        Assert.Equal(CommitteeSize.Of(minExecutives, maxExecutives, minViceChairs, maxViceChairs), ElectionRules.Default.CommitteeSizeFor(kind));

    [Fact]
    public void MicroHome_HoldsNoElection()
    {
        Assert.False(ElectionRules.Default.HoldsElections(FederationKind.MicroHome));
        Assert.Null(ElectionRules.Default.CommitteeSizeFor(FederationKind.MicroHome));
    }

    [Fact]
    public void EveryOtherKind_HoldsElections() =>
        Assert.All(Enum.GetValues<FederationKind>().Where(k => k != FederationKind.MicroHome), k => Assert.True(ElectionRules.Default.HoldsElections(k)));

    [Fact]
    public void Defaults_RequireWomenCandidatesAndOneExtraCandidate()
    {
        Assert.True(ElectionRules.Default.CandidatesMustBeWomen);
        Assert.Equal(1, ElectionRules.Default.MinimumExtraExecutiveCandidates);
        Assert.Equal(18, ElectionRules.Default.MinimumCandidateAge);
    }

    [Fact]
    public void Options_OverrideOneKind_AndKeepTheOthers()
    {
        // Seed 003's city federation has 53 executive members; a deployment sizes its bodies in configuration.
        var rules = ElectionRules.FromOptions(new ElectionOptions { CommitteeSizes = { [FederationKind.Joint] = CommitteeSize.Of(45, 55, 5, 9) } });

        Assert.Equal(CommitteeSize.Of(45, 55, 5, 9), rules.CommitteeSizeFor(FederationKind.Joint));
        Assert.Equal(CommitteeSize.Of(21, 25, 3, 5), rules.CommitteeSizeFor(FederationKind.Township));
    }

    [Fact]
    public void Options_ThatCannotWork_AreRefusedNamingEveryProblem()
    {
        var options = new ElectionOptions
        {
            CommitteeSizes = { [FederationKind.Park] = CommitteeSize.Of(15, 9, 2, 3), [FederationKind.MicroHome] = CommitteeSize.Of(1, 1, 0, 0) },
            MinimumExtraExecutiveCandidates = 0,
        };

        var error = Assert.Throws<ArgumentException>(() => ElectionRules.FromOptions(options));

        Assert.Contains("Park: MinExecutiveMembers is above MaxExecutiveMembers", error.Message, StringComparison.Ordinal);
        Assert.Contains("micro-home", error.Message, StringComparison.Ordinal);
        Assert.Contains("MinimumExtraExecutiveCandidates", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_WhereLeadersDoNotFitTheSmallestCommittee_AreRefused() =>
        Assert.Throws<ArgumentException>(() => ElectionRules.FromOptions(new ElectionOptions
        {
            CommitteeSizes = { [FederationKind.Online] = CommitteeSize.Of(3, 5, 2, 3) },
        }));

    [Fact]
    public void EveryKind_HasChineseAndEnglishNames() =>
        Assert.All(Enum.GetValues<FederationKind>(), k =>
        {
            Assert.NotEmpty(k.ChineseName());
            Assert.NotEmpty(k.EnglishName());
        });

    [Fact]
    public void KindNames_FollowTheDesignVocabulary()
    {
        Assert.Equal("商会(协会)妇联", FederationKind.ChamberOrAssociation.ChineseName());
        Assert.Equal("产业基地妇联", FederationKind.IndustrialBase.ChineseName());
        Assert.Equal("妇女微家", FederationKind.MicroHome.ChineseName());
    }
}
