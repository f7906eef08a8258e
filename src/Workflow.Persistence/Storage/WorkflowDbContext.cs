using Microsoft.EntityFrameworkCore;

namespace Workflow.Persistence.Storage;

public sealed class WorkflowDbContext(DbContextOptions<WorkflowDbContext> options) : DbContext(options)
{
    public DbSet<DefinitionRow> Definitions => Set<DefinitionRow>();
    public DbSet<InstanceRow> Instances => Set<InstanceRow>();
    public DbSet<BookmarkRow> Bookmarks => Set<BookmarkRow>();
    public DbSet<TimerRow> Timers => Set<TimerRow>();
    public DbSet<JournalRow> Journal => Set<JournalRow>();
    public DbSet<IncidentRow> Incidents => Set<IncidentRow>();
    public DbSet<OutboxRow> Outbox => Set<OutboxRow>();
    public DbSet<StorageProbeRow> StorageProbe => Set<StorageProbeRow>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) => StorageConventions.Apply(configurationBuilder);

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<DefinitionRow>(e =>
        {
            e.ToTable("definitions");
            e.HasKey(x => new { x.DefinitionId, x.Version });
        });
        modelBuilder.Entity<InstanceRow>(e =>
        {
            e.ToTable("instances");
            e.HasKey(x => x.Id);
            e.Property(x => x.Revision).IsConcurrencyToken();
            e.HasIndex(x => x.CorrelationId);
            e.HasIndex(x => new { x.Status, x.DefinitionId });
            e.HasIndex(x => x.ParentInstanceId);
        });
        modelBuilder.Entity<BookmarkRow>(e =>
        {
            e.ToTable("bookmarks");
            e.HasKey(x => x.Id);
            e.HasIndex(x => x.InstanceId);
            e.HasIndex(x => new { x.Role, x.RegionCode });
            e.HasIndex(x => x.AssigneeUserId);
        });
        modelBuilder.Entity<TimerRow>(e =>
        {
            e.ToTable("timers");
            e.HasKey(x => x.Key);
            e.HasIndex(x => x.BookmarkId);
            e.HasIndex(x => new { x.FiredAt, x.DueAt });
        });
        modelBuilder.Entity<JournalRow>(e =>
        {
            e.ToTable("journal");
            e.HasKey(x => new { x.InstanceId, x.Sequence });
            e.HasIndex(x => x.BookmarkId);
            // A person's decisions (the inbox's done tab and its count), without a scan of the whole journal; partial, so
            // only decisions pay for it, not every transition's entries.
            e.HasIndex(x => new { x.Actor, x.At }).HasDatabaseName("IX_journal_decisions").HasFilter("\"Kind\" = 'Resumed' AND \"BookmarkId\" IS NOT NULL");
        });
        modelBuilder.Entity<IncidentRow>(e =>
        {
            e.ToTable("incidents");
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.InstanceId, x.ResolvedAt });
        });
        modelBuilder.Entity<OutboxRow>(e =>
        {
            e.ToTable("outbox");
            e.HasKey(x => x.Id);
            e.HasIndex(x => x.DispatchedAt);
        });
        modelBuilder.Entity<StorageProbeRow>(e =>
        {
            e.ToTable("storage_probe");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedNever();
        });
    }
}
