using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Workflow.Federation.Coverage;
using Workflow.Federation.Ledger;
using Workflow.Federation.Registry;
using Workflow.Federation.Rosters;

namespace Workflow.Federation.Storage;

/// <summary>
/// The federation domain's tables, on the engine's SQLite file with their own migration history
/// (<see cref="MigrationsHistoryTable"/>), so each context migrates only what it owns. Each feature folder
/// maps its rows with an <see cref="IEntityTypeConfiguration{TEntity}"/>; the context picks them all up.
/// </summary>
public sealed class FederationDbContext(DbContextOptions<FederationDbContext> options) : DbContext(options)
{
    public const string MigrationsHistoryTable = "__FederationMigrations";

    public DbSet<OrganizationRow> Organizations => Set<OrganizationRow>();
    public DbSet<SurveyCampaignRow> Campaigns => Set<SurveyCampaignRow>();
    public DbSet<SurveyRecordRow> SurveyRecords => Set<SurveyRecordRow>();
    public DbSet<RosterEntryRow> RosterEntries => Set<RosterEntryRow>();
    public DbSet<FederationBodyRow> Bodies => Set<FederationBodyRow>();
    public DbSet<FederationBodyMemberRow> BodyMembers => Set<FederationBodyMemberRow>();
    public DbSet<CoverageTargetRow> CoverageTargets => Set<CoverageTargetRow>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // The engine's conventions (WorkflowDbContext): UTC ticks so SQLite compares and orders instants, enums by name.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UtcTicksConverter>();
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(32);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(FederationDbContext).Assembly);

    private sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
        v => v.UtcTicks,
        v => new DateTimeOffset(v, TimeSpan.Zero));
}
