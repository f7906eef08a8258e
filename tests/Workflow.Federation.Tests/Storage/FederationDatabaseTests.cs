using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Federation.Ledger;
using Workflow.Federation.Storage;
using Workflow.Federation.Tests.Support;
using Workflow.Persistence;
using Workflow.Persistence.Storage;

namespace Workflow.Federation.Tests.Storage;

public sealed class FederationDatabaseTests
{
    [Fact]
    public async Task TheEngineAndTheFederation_ShareOneFile_EachWithItsOwnMigrationHistory()
    {
        var folder = Path.Combine(Path.GetTempPath(), "fed-tests", Guid.NewGuid().ToString("N"));
        var file = Path.Combine(folder, "workflow.db");
        long federationMigrations, engineMigrations;
        await using (var services = new ServiceCollection().AddLogging().AddWorkflowEngine(file).AddFederation(file).BuildServiceProvider())
        {
            await using (var db = await services.GetRequiredService<IDbContextFactory<FederationDbContext>>().CreateDbContextAsync())
                federationMigrations = db.Database.GetMigrations().Count();
            await using (var db = await services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync())
                engineMigrations = db.Database.GetMigrations().Count();
            await services.GetRequiredService<DatabaseSetup>().MigrateAsync();
            await services.GetRequiredService<FederationDatabaseSetup>().MigrateAsync();
            await services.GetRequiredService<FederationDatabaseSetup>().MigrateAsync();
            Assert.Single(services.GetServices<WriteGate>()); // one writer queue for both contexts
            await services.GetRequiredService<LedgerService>().CreateOrganizationAsync(Organizations.Riders(), null, "officer");
        }
        await using (var connection = new SqliteConnection($"Data Source={file}"))
        {
            await connection.OpenAsync();
            Assert.Equal(federationMigrations, await ScalarAsync(connection, "SELECT COUNT(*) FROM __FederationMigrations"));
            Assert.Equal(engineMigrations, await ScalarAsync(connection, "SELECT COUNT(*) FROM __EFMigrationsHistory"));
            Assert.Equal(1L, await ScalarAsync(connection, "SELECT COUNT(*) FROM organizations"));
            Assert.Equal("wal", await ScalarAsync(connection, "PRAGMA journal_mode"));
        }
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task RowsWrittenByPreparedStatements_ReadBackThroughEf()
    {
        await using var host = await FederationHost.StartAsync();
        var now = FederationHost.Start.AddHours(3);
        var id = Guid.CreateVersion7(now);
        await using (var db = await host.DbAsync())
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            using var insert = PreparedRows<OrganizationRow>.Insert(db);
            var row = Rows.Of(Organizations.Enterprise(), id);
            row.UpdatedAt = now;
            row.UpdatedBy = "importer";
            insert.Write(row);
            await transaction.CommitAsync();
        }
        var read = await host.Ledger.GetOrganizationAsync(id);
        Assert.Equal((Organizations.Enterprise(), now, "importer"), (read.Facts, read.UpdatedAt, read.UpdatedBy));
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
