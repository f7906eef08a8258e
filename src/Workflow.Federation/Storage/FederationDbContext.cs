using Microsoft.EntityFrameworkCore;
using Workflow.Federation.Activities;
using Workflow.Federation.Coverage;
using Workflow.Federation.DutyGroups;
using Workflow.Federation.FollowUps;
using Workflow.Federation.Founding;
using Workflow.Federation.Invitations;
using Workflow.Federation.JointMeetings;
using Workflow.Federation.Ledger;
using Workflow.Federation.Registry;
using Workflow.Federation.Rosters;
using Workflow.Federation.Rotations;
using Workflow.Persistence.Storage;

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
    public DbSet<BodyLeaderRow> BodyLeaders => Set<BodyLeaderRow>();
    public DbSet<FoundingRequestRow> FoundingRequests => Set<FoundingRequestRow>();
    public DbSet<FoundingMemberRow> FoundingMembers => Set<FoundingMemberRow>();
    public DbSet<ElectionAttemptRow> ElectionAttempts => Set<ElectionAttemptRow>();
    public DbSet<BodyRotationRow> BodyRotations => Set<BodyRotationRow>();
    public DbSet<BodyDutyGroupsRow> BodyDutyGroups => Set<BodyDutyGroupsRow>();
    public DbSet<FollowUpRow> FollowUps => Set<FollowUpRow>();
    public DbSet<MeetingGroupRow> MeetingGroups => Set<MeetingGroupRow>();
    public DbSet<JointMeetingRow> JointMeetings => Set<JointMeetingRow>();
    public DbSet<LeaderInvitationRow> LeaderInvitations => Set<LeaderInvitationRow>();
    public DbSet<BodyActivityRow> BodyActivities => Set<BodyActivityRow>();
    public DbSet<Holidays.HolidayOverrideRow> HolidayOverrides => Set<Holidays.HolidayOverrideRow>();

    // The engine's conventions: instants as UTC ticks, enums by name.
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        FederationChanges.Note();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        FederationChanges.Note();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        StorageConventions.Apply(configurationBuilder);

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(FederationDbContext).Assembly);
}
