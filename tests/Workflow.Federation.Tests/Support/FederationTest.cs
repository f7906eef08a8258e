using Workflow.Federation.Import;
using Workflow.Federation.Ledger;

namespace Workflow.Federation.Tests.Support;

/// <summary>A test class with its own federation host on a fresh SQLite file; override <see cref="InitializeAsync"/> to add data.</summary>
public abstract class FederationTest : IAsyncLifetime
{
    protected FederationHost Host { get; private set; } = null!;

    /// <summary>Import limits for this class's host; the defaults when null.</summary>
    protected virtual ImportOptions? ImportLimits => null;

    public virtual async Task InitializeAsync() => Host = await FederationHost.StartAsync(import: ImportLimits);

    public async Task DisposeAsync() => await Host.DisposeAsync();

    protected async Task<Guid> AddAsync(OrganizationFacts facts, Guid? campaignId = null) =>
        (await Host.Ledger.CreateOrganizationAsync(facts, campaignId, "officer")).Id;

    /// <summary>A survey campaign over Nan'an (南安市, seed 004) or one of its townships.</summary>
    protected async Task<Guid> OpenCampaignAsync(string region = "350583", string name = "2026年南安市“三新”领域摸排") =>
        (await Host.Ledger.OpenCampaignAsync(new NewSurveyCampaign(name, region), "officer")).Id;
}
