using Microsoft.EntityFrameworkCore;
using Workflow.Persistence.Storage;
using Workflow.Server.Accounts;
using Workflow.Server.Idempotency;
using Workflow.Server.Regions;
using Workflow.Server.Tasks;

namespace Workflow.Server.Storage;

/// <summary>The service's own tables (accounts, regions, task claims, idempotency keys), beside the engine's in the same database.</summary>
public sealed class ServiceDbContext(DbContextOptions<ServiceDbContext> options) : DbContext(options)
{
    public const string MigrationsTable = "__ServiceMigrations";

    public DbSet<UserRow> Users => Set<UserRow>();
    public DbSet<RefreshTokenRow> RefreshTokens => Set<RefreshTokenRow>();
    public DbSet<RegionRow> Regions => Set<RegionRow>();
    public DbSet<TaskClaimRow> TaskClaims => Set<TaskClaimRow>();
    public DbSet<IdempotencyRow> IdempotencyKeys => Set<IdempotencyRow>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) => StorageConventions.Apply(configurationBuilder);

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<UserRow>(e =>
        {
            e.ToTable("users");
            e.HasKey(x => x.Id);
            e.HasIndex(x => x.UserName).IsUnique();
            e.Property(x => x.UserName).UseCollation("NOCASE");
            e.Property(x => x.Revision).IsConcurrencyToken();
        });
        modelBuilder.Entity<RefreshTokenRow>(e =>
        {
            e.ToTable("refresh_tokens");
            e.HasKey(x => x.TokenHash);
            e.HasIndex(x => x.UserId);
        });
        modelBuilder.Entity<RegionRow>(e =>
        {
            e.ToTable("regions");
            e.HasKey(x => x.Code);
            e.HasIndex(x => x.ParentCode);
        });
        modelBuilder.Entity<TaskClaimRow>(e =>
        {
            e.ToTable("task_claims");
            e.HasKey(x => x.BookmarkId);
            e.HasIndex(x => x.AssigneeId);
        });
        modelBuilder.Entity<IdempotencyRow>(e =>
        {
            e.ToTable("idempotency_keys");
            e.HasKey(x => new { x.UserId, x.Key });
        });
    }
}
