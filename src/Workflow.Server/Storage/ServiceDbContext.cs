using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Workflow.Persistence.Storage;
using Workflow.Server.Accounts;
using Workflow.Server.Calendar;
using Workflow.Server.Hosting;
using Workflow.Server.Idempotency;
using Workflow.Server.Notifications;
using Workflow.Server.Regions;
using Workflow.Server.Reminders;
using Workflow.Server.Robots;
using Workflow.Server.Tasks;
using Workflow.Server.Webhooks;

namespace Workflow.Server.Storage;

/// <summary>
/// The service's own tables (accounts, regions, task claims, idempotency keys, reminders and their deliveries, calendars, and
/// what several nodes share: data-protection keys, generated secrets, failed sign-ins of unknown names), beside the engine's in
/// the same database.
/// </summary>
public sealed class ServiceDbContext(DbContextOptions<ServiceDbContext> options) : DbContext(options), IDataProtectionKeyContext
{
    private const string CaseInsensitive = "case_insensitive";

    public const string MigrationsTable = "__ServiceMigrations";

    public DbSet<UserRow> Users => Set<UserRow>();
    public DbSet<RefreshTokenRow> RefreshTokens => Set<RefreshTokenRow>();
    public DbSet<SignInFailureRow> SignInFailures => Set<SignInFailureRow>();
    public DbSet<SharedSecretRow> SharedSecrets => Set<SharedSecretRow>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<RegionRow> Regions => Set<RegionRow>();
    public DbSet<TaskClaimRow> TaskClaims => Set<TaskClaimRow>();
    public DbSet<IdempotencyRow> IdempotencyKeys => Set<IdempotencyRow>();
    public DbSet<ReminderRow> Reminders => Set<ReminderRow>();
    public DbSet<DeliveryRow> Deliveries => Set<DeliveryRow>();
    public DbSet<InboxRow> Notifications => Set<InboxRow>();
    public DbSet<NotificationSettingsRow> NotificationSettings => Set<NotificationSettingsRow>();
    public DbSet<WebhookSubscriptionRow> WebhookSubscriptions => Set<WebhookSubscriptionRow>();
    public DbSet<DeadLetterRow> DeadLetters => Set<DeadLetterRow>();
    public DbSet<RobotRow> Robots => Set<RobotRow>();
    public DbSet<CalendarEventRow> CalendarEvents => Set<CalendarEventRow>();
    public DbSet<CalendarTokenRow> CalendarTokens => Set<CalendarTokenRow>();
    public DbSet<Ledger.ImportJobRow> ImportJobs => Set<Ledger.ImportJobRow>();
    public DbSet<Ledger.UploadRow> Uploads => Set<Ledger.UploadRow>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) => StorageConventions.Apply(configurationBuilder);

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        if (Database.IsNpgsql()) modelBuilder.HasCollation(CaseInsensitive, locale: "und-u-ks-level2", provider: "icu", deterministic: false);
        modelBuilder.Entity<UserRow>(e =>
        {
            e.ToTable("users");
            e.HasKey(x => x.Id);
            e.HasIndex(x => x.UserName).IsUnique();
            // User names compare without case: SQLite's NOCASE, or on PostgreSQL an ICU collation that ignores case (not accents).
            e.Property(x => x.UserName).UseCollation(Database.IsNpgsql() ? CaseInsensitive : "NOCASE");
            e.Property(x => x.Revision).IsConcurrencyToken();
        });
        modelBuilder.Entity<RefreshTokenRow>(e =>
        {
            e.ToTable("refresh_tokens");
            e.HasKey(x => x.TokenHash);
            e.HasIndex(x => x.UserId);
        });
        modelBuilder.Entity<SignInFailureRow>(e =>
        {
            e.ToTable("sign_in_failures");
            e.HasKey(x => x.NameHash);
            e.HasIndex(x => x.LastFailureAt);
            e.Property(x => x.Revision).IsConcurrencyToken();
        });
        // Used on PostgreSQL only; the embedded default keeps these secrets in files of its data folder.
        modelBuilder.Entity<SharedSecretRow>(e =>
        {
            e.ToTable("shared_secrets");
            e.HasKey(x => x.Name);
        });
        modelBuilder.Entity<DataProtectionKey>().ToTable("data_protection_keys");
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
        ReminderModel.Configure(modelBuilder);
        NotificationModel.Configure(modelBuilder);
        WebhookModel.Configure(modelBuilder);
        RobotModel.Configure(modelBuilder);
        CalendarModel.Configure(modelBuilder);
        Ledger.ImportJobModel.Configure(modelBuilder);
    }
}
