using Workflow.Federation.Common;
using Workflow.Federation.Ledger;
using Workflow.Federation.Regions;
using Workflow.Federation.Tests.Support;

namespace Workflow.Federation.Tests.Ledger;

public sealed class LedgerServiceTests : FederationTest
{

    private async Task<SurveyCampaign> CampaignAsync(string region = "350583") => await Host.Ledger.GetCampaignAsync(await OpenCampaignAsync(region));

    [Fact]
    public async Task CreateOrganization_StoresNormalizedFacts_AndTheFirstSurveyRecord()
    {
        var campaign = await CampaignAsync();
        var created = await Host.Ledger.CreateOrganizationAsync(
            Organizations.Enterprise() with { CreditCode = Organizations.CreditCodeFor(1).ToLowerInvariant() }, campaign.Id, "officer-nanan");

        var read = await Host.Ledger.GetOrganizationAsync(created.Id);
        Assert.Equal(Organizations.CreditCodeFor(1), read.Facts.CreditCode);
        Assert.Equal((1, "officer-nanan", FederationHost.Start, campaign.Id), (read.Revision, read.CreatedBy, read.CreatedAt, read.LastCampaignId));
        var record = Assert.Single(await Host.Ledger.GetHistoryAsync(created.Id));
        Assert.Equal((campaign.Id, campaign.Name, "officer-nanan", LedgerService.ManualSource), (record.CampaignId, record.CampaignName, record.RecordedBy, record.Source));
    }

    [Fact]
    public async Task ACreditCodeAlreadyInTheLedger_IsRefused_NamingItsHolder()
    {
        await Host.Ledger.CreateOrganizationAsync(Organizations.Enterprise(), null, "officer");
        var error = await Assert.ThrowsAsync<FederationValidationException>(() =>
            Host.Ledger.CreateOrganizationAsync(Organizations.Enterprise("另一家公司"), null, "officer"));
        var problem = Assert.Single(error.Problems);
        Assert.Equal(("creditCode", "credit-code.taken"), (problem.Field, problem.Reason.Code));
        Assert.Contains("福建省弘一石业有限公司", problem.Reason.ZhCn, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWrongCheckCharacter_IsRefused_WithTheExpectedOne()
    {
        var code = Organizations.CreditCodeFor(1);
        var wrong = code[..17] + (code[17] == '0' ? '1' : '0');
        var error = await Assert.ThrowsAsync<FederationValidationException>(() =>
            Host.Ledger.CreateOrganizationAsync(Organizations.Enterprise() with { CreditCode = wrong }, null, "officer"));
        Assert.Contains($"校验位应为 {code[17]}", Assert.Single(error.Problems).Reason.ZhCn, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AReSurvey_KeepsTheHistory_WithWhoChangedWhatAndWhen()
    {
        var first = await CampaignAsync();
        var organization = await Host.Ledger.CreateOrganizationAsync(Organizations.Enterprise(women: 40), first.Id, "officer-a");
        Host.Clock.Now = FederationHost.Start.AddMonths(6);
        var second = await CampaignAsync();
        await Host.Ledger.UpdateOrganizationAsync(organization.Id, 1, Organizations.Enterprise(women: 65), second.Id, "officer-b");

        var history = await Host.Ledger.GetHistoryAsync(organization.Id);
        Assert.Equal([40, 65], history.Select(h => h.Facts.WomenCount));
        Assert.Equal(["officer-a", "officer-b"], history.Select(h => h.RecordedBy));
        Assert.Equal([FederationHost.Start, FederationHost.Start.AddMonths(6)], history.Select(h => h.RecordedAt));
        var change = Assert.Single(history[1].Changes);
        Assert.Equal(("womenCount", "40", "65", "女职工数"), (change.Field, change.Before, change.After, change.Label.ZhCn));
        Assert.Equal(TimeSpan.Zero, history[1].RecordedAt.Offset);
    }

    [Fact]
    public async Task AnUpdateFromAStaleRevision_IsAConflict()
    {
        var organization = await Host.Ledger.CreateOrganizationAsync(Organizations.Enterprise(), null, "officer-a");
        await Host.Ledger.UpdateOrganizationAsync(organization.Id, 1, Organizations.Enterprise(women: 90), null, "officer-a");
        var conflict = await Assert.ThrowsAsync<FederationConflictException>(() =>
            Host.Ledger.UpdateOrganizationAsync(organization.Id, 1, Organizations.Enterprise(women: 10), null, "officer-b"));
        Assert.Equal((1, 2), (conflict.ExpectedRevision, conflict.ActualRevision));
        Assert.Equal(90, (await Host.Ledger.GetOrganizationAsync(organization.Id)).Facts.WomenCount);
    }

    [Fact]
    public async Task AClosedCampaign_TakesNoMoreRecords()
    {
        var campaign = await CampaignAsync();
        await Host.Ledger.CloseCampaignAsync(campaign.Id, "officer");
        var error = await Assert.ThrowsAsync<FederationException>(() => Host.Ledger.CreateOrganizationAsync(Organizations.Enterprise(), campaign.Id, "officer"));
        Assert.Equal((FederationError.Refused, "campaign.closed"), (error.Error, error.Reason.Code));
    }

    [Fact]
    public async Task ACampaign_TakesOnlyOrganizationsInItsRegion()
    {
        var campaign = await CampaignAsync("350583105");
        var error = await Assert.ThrowsAsync<FederationException>(() =>
            Host.Ledger.CreateOrganizationAsync(Organizations.Enterprise(region: "350583108001"), campaign.Id, "officer"));
        Assert.Equal("campaign.outside-region", error.Reason.Code);
    }

    [Fact]
    public async Task Campaigns_AreListedForTheRegionAndAboveAndBelow_NotForNeighbours()
    {
        await CampaignAsync("350583");
        await CampaignAsync("350583105");
        await CampaignAsync("350583108");
        var seen = await Host.Ledger.ListCampaignsAsync(RegionCode.Parse("350583105"));
        Assert.Equal(["350583", "350583105"], seen.Select(c => c.RegionCode).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Query_FiltersByRegionPrefixSectorKindKeyUnitAndText()
    {
        await Host.Ledger.CreateOrganizationAsync(Organizations.Enterprise("福建省弘一石业有限公司", serial: 1, region: "350583105001", women: 120), null, "o");
        await Host.Ledger.CreateOrganizationAsync(Organizations.Enterprise("阳光中科", serial: 2, region: "350583105002", women: 20), null, "o");
        await Host.Ledger.CreateOrganizationAsync(Organizations.Enterprise("辉煌水暖", serial: 3, region: "350583108001", women: 300), null, "o");
        await Host.Ledger.CreateOrganizationAsync(Organizations.Base(), null, "o");
        await Host.Ledger.CreateOrganizationAsync(Organizations.Riders(), null, "o");

        async Task<string[]> Names(LedgerQuery query) => [.. (await Host.Ledger.QueryOrganizationsAsync(query)).Items.Select(o => o.Facts.Name)];
        var township = RegionCode.Parse("350583105");
        Assert.Equal(["霞美电子光伏产业基地", "福建省弘一石业有限公司", "阳光中科"], await Names(new LedgerQuery(township)));
        Assert.Equal(["福建省弘一石业有限公司", "阳光中科"], await Names(new LedgerQuery(township, Kind: OrganizationKind.Enterprise)));
        Assert.Equal(["福建省弘一石业有限公司", "辉煌水暖"], await Names(new LedgerQuery(RegionCode.Parse("350583"), KeyUnit: true)));
        Assert.Equal(["美团外卖南安站骑手"], await Names(new LedgerQuery(RegionCode.Parse("350583"), Sector: Sector.NewEmployment)));
        Assert.Equal(["阳光中科"], await Names(new LedgerQuery(RegionCode.Parse("350583"), Text: "中科")));
        Assert.Equal(["辉煌水暖"], await Names(new LedgerQuery(RegionCode.Parse("350583"), Text: Organizations.CreditCodeFor(3).ToLowerInvariant())));
        Assert.Empty(await Names(new LedgerQuery(RegionCode.Parse("350582"))));
    }

    [Fact]
    public async Task Query_Pages_AndCountsEveryMatch()
    {
        for (var i = 0; i < 7; i++) await Host.Ledger.CreateOrganizationAsync(Organizations.Enterprise($"企业{i}", serial: i), null, "o");
        var page = await Host.Ledger.QueryOrganizationsAsync(new LedgerQuery(RegionCode.Parse("350583"), Paging: new Paging(2, 3)));
        Assert.Equal((7, 2, 3), (page.Total, page.PageNumber, page.PageSize));
        Assert.Equal(["企业3", "企业4", "企业5"], page.Items.Select(o => o.Facts.Name));
    }

    [Fact]
    public async Task AnUnknownOrganization_IsNotFound()
    {
        var error = await Assert.ThrowsAsync<FederationException>(() => Host.Ledger.GetHistoryAsync(Guid.NewGuid()));
        Assert.Equal(FederationError.NotFound, error.Error);
    }
}
