using Workflow.Federation.Common;
using Workflow.Federation.Regions;
using Workflow.Federation.Rosters;
using Workflow.Federation.Tests.Support;

namespace Workflow.Federation.Tests.Rosters;

public sealed class RosterServiceTests : FederationTest
{
    private Guid _organization;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _organization = await AddAsync(Organizations.Enterprise());
    }

    [Fact]
    public async Task APerson_IsAddedToTheWomenRoster_WithHerOrganization()
    {
        var entry = await Host.Rosters.AddAsync(Roster.Women, _organization, new RosterEntryInput(" 陈美玲 ", "财务主管", "0595-86981234"), "officer");
        Assert.Equal(("陈美玲", "福建省弘一石业有限公司", "350583105001", 1), (entry.Name, entry.OrganizationName, entry.RegionCode, entry.Revision));
        Assert.Null(entry.Honour);
    }

    [Fact]
    public async Task AnExemplar_NeedsHerHonourAndItsYear()
    {
        var error = await Assert.ThrowsAsync<FederationValidationException>(() =>
            Host.Rosters.AddAsync(Roster.Exemplars, _organization, new RosterEntryInput("林秀英", Year: 2030), "officer"));
        Assert.Equal(["honour", "year"], error.Problems.Select(p => p.Field));
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("1390595123x")]
    [InlineData("23905951234")]
    public async Task AMalformedPhone_IsRefused(string phone)
    {
        var error = await Assert.ThrowsAsync<FederationValidationException>(() =>
            Host.Rosters.AddAsync(Roster.Women, _organization, new RosterEntryInput("陈美玲", Phone: phone), "officer"));
        Assert.Equal("roster.phone", Assert.Single(error.Problems).Reason.Code);
    }

    [Theory]
    [InlineData("13905951234")]
    [InlineData("+86 139 0595 1234")]
    [InlineData("0595-86981234")]
    public async Task MobileAndLandlineNumbers_AreAccepted(string phone) =>
        Assert.Equal(phone, (await Host.Rosters.AddAsync(Roster.Women, _organization, new RosterEntryInput("陈美玲", Phone: phone), "officer")).Phone);

    [Fact]
    public async Task AnUpdate_FromAStaleRevision_IsAConflict()
    {
        var entry = await Host.Rosters.AddAsync(Roster.Women, _organization, new RosterEntryInput("陈美玲"), "officer");
        await Host.Rosters.UpdateAsync(entry.Id, 1, new RosterEntryInput("陈美玲", "副总经理"), "officer");
        await Assert.ThrowsAsync<FederationConflictException>(() => Host.Rosters.UpdateAsync(entry.Id, 1, new RosterEntryInput("陈美玲", "会计"), "officer"));
        Assert.Equal(("副总经理", 2), ((await Host.Rosters.GetAsync(entry.Id)).Role, (await Host.Rosters.GetAsync(entry.Id)).Revision));
    }

    [Fact]
    public async Task Queries_StayInTheirRosterAndRegion()
    {
        var other = await AddAsync(Organizations.Enterprise("辉煌水暖", serial: 2, region: "350583108001"));
        await Host.Rosters.AddAsync(Roster.Women, _organization, new RosterEntryInput("陈美玲"), "officer");
        await Host.Rosters.AddAsync(Roster.Women, other, new RosterEntryInput("黄丽华"), "officer");
        await Host.Rosters.AddAsync(Roster.Exemplars, _organization, new RosterEntryInput("林秀英", Honour: "三八红旗手", Year: 2025), "officer");

        var page = await Host.Rosters.QueryAsync(new RosterQuery(Roster.Women, RegionCode.Parse("350583105")));
        Assert.Equal(["陈美玲"], page.Items.Select(e => e.Name));
        Assert.Equal(2, (await Host.Rosters.QueryAsync(new RosterQuery(Roster.Women, RegionCode.Parse("350583")))).Total);
        Assert.Equal(["黄丽华"], (await Host.Rosters.QueryAsync(new RosterQuery(Roster.Women, RegionCode.Parse("350583"), Text: "水暖"))).Items.Select(e => e.Name));
    }

    [Fact]
    public async Task ARemovedPerson_IsGone()
    {
        var entry = await Host.Rosters.AddAsync(Roster.Women, _organization, new RosterEntryInput("陈美玲"), "officer");
        await Host.Rosters.RemoveAsync(entry.Id);
        Assert.Equal(FederationError.NotFound, (await Assert.ThrowsAsync<FederationException>(() => Host.Rosters.GetAsync(entry.Id))).Error);
    }

    [Fact]
    public async Task APersonOfAnUnknownOrganization_IsNotFound() =>
        Assert.Equal(FederationError.NotFound, (await Assert.ThrowsAsync<FederationException>(() =>
            Host.Rosters.AddAsync(Roster.Women, Guid.NewGuid(), new RosterEntryInput("陈美玲"), "officer"))).Error);
}
