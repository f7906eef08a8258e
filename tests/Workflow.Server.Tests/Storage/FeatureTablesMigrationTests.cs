using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Workflow.Federation.Storage;
using Workflow.Server.Storage;

namespace Workflow.Server.Tests.Storage;

/// <summary>
/// The rotation, duty-group, follow-up and joint-meeting tables moved from the service's context to the federation's. A
/// database made before the move (the service migrated up to <c>SecurityStamp</c>, the federation up to <c>LeaderAccounts</c>)
/// keeps its rows through the move, and both contexts' migrations then match their models.
/// </summary>
public sealed class FeatureTablesMigrationTests : IDisposable
{
    private const string LastServiceMigrationBeforeTheMove = "20261201195521_SecurityStamp";
    private const string LastFederationMigrationBeforeTheMove = "20261123120020_LeaderAccounts";

    private readonly string folder = Path.Combine(Path.GetTempPath(), "wf-migration-tests", Guid.NewGuid().ToString("N"));

    private string File => Path.Combine(folder, "workflow.db");

    // As the service configures them: the SQLite provider, which sees only its own migrations.
    private ServiceDbContext Service() => new((DbContextOptions<ServiceDbContext>)Workflow.Persistence.Storage.WorkflowStorage.Sqlite(File)
        .Configure(new DbContextOptionsBuilder<ServiceDbContext>(), ServiceDbContext.MigrationsTable).Options);

    private FederationDbContext Federation() => new((DbContextOptions<FederationDbContext>)Workflow.Persistence.Storage.WorkflowStorage.Sqlite(File)
        .Configure(new DbContextOptionsBuilder<FederationDbContext>(), FederationDbContext.MigrationsHistoryTable).Options);

    [Fact]
    public async Task ADatabaseMadeBeforeTheMove_KeepsItsRows_AndTheFederationReadsThem()
    {
        Directory.CreateDirectory(folder);
        await using (var service = Service()) await service.GetService<IMigrator>().MigrateAsync(LastServiceMigrationBeforeTheMove);
        await using (var federation = Federation()) await federation.GetService<IMigrator>().MigrateAsync(LastFederationMigrationBeforeTheMove);
        var (subject, instance, body, group) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await ExecuteAsync($"""
            INSERT INTO follow_ups (SubjectId, Key, InstanceId, CreatedAt) VALUES ('{subject.ToString().ToUpperInvariant()}', 'set-up', '{instance.ToString().ToUpperInvariant()}', 1);
            INSERT INTO body_rotations (BodyId, PlanJson, UpdatedAt, UpdatedBy, Revision) VALUES ('{body.ToString().ToUpperInvariant()}', '[]', 1, 'officer', 3);
            INSERT INTO meeting_groups (Id, Name, RegionCode, ConvenerId, BodyIdsJson, InviteeIdsJson, CreatedAt, CreatedBy)
                VALUES ('{group.ToString().ToUpperInvariant()}', '产业链联席会', '370102001', '{subject.ToString().ToUpperInvariant()}', '[]', '[]', 1, 'officer');
            INSERT INTO joint_meetings (GroupId, Year, Quarter, StartsAt) VALUES ('{group.ToString().ToUpperInvariant()}', 2027, 1, 5);
            """);

        // As at start-up: the service first, then the federation.
        await using (var service = Service()) await service.Database.MigrateAsync();
        await using (var federation = Federation()) await federation.Database.MigrateAsync();

        await using (var federation = Federation())
        {
            Assert.Equal(instance, (await federation.FollowUps.SingleAsync(f => f.SubjectId == subject)).InstanceId);
            Assert.Equal(3, (await federation.BodyRotations.SingleAsync(r => r.BodyId == body)).Revision);
            Assert.Equal("产业链联席会", (await federation.MeetingGroups.SingleAsync(g => g.Id == group)).Name);
            Assert.Equal(2027, (await federation.JointMeetings.SingleAsync(m => m.GroupId == group)).Year);
            Assert.False(federation.Database.HasPendingModelChanges());
        }
        await using (var service = Service()) Assert.False(service.Database.HasPendingModelChanges());
    }

    [Fact]
    public async Task AFreshDatabase_MigratesBothContexts_AndTheFederationWritesItsTables()
    {
        Directory.CreateDirectory(folder);
        await using (var service = Service()) await service.Database.MigrateAsync();
        await using (var federation = Federation())
        {
            await federation.Database.MigrateAsync();
            await federation.BodyDutyGroups.AddAsync(new Federation.DutyGroups.BodyDutyGroupsRow
            {
                BodyId = Guid.NewGuid(), GroupsJson = "[]", TurnsJson = "[]", UpdatedAt = DateTimeOffset.UnixEpoch, UpdatedBy = "officer",
            });
            Assert.Equal(1, await federation.SaveChangesAsync());
            Assert.Empty(await federation.Database.GetPendingMigrationsAsync());
        }
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={File}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }
}
