using System.Net;
using Npgsql;
using Workflow.Server.Problems;
using Workflow.Server.Tests.Support;
using Workflow.Tests.Databases;

namespace Workflow.Server.Tests.Hosting;

/// <summary>A PostgreSQL server that is down, or a database that is gone, is 503 storage-unavailable and an unhealthy /health, never a 500.</summary>
public sealed class UnreachableDatabaseTests
{
    [Fact]
    public async Task WhenThePostgreSqlServerIsDown_RequestsAre503StorageUnavailable_AndHealthSaysUnhealthy()
    {
        using var cluster = PostgresCluster.StartOwn();
        await using var node = new ServiceFactory { PostgreSql = await cluster.CreateDatabaseAsync("down") };
        var admin = await node.AdminAsync();

        cluster.Dispose();

        await AssertUnavailableAsync(node, admin);
    }

    [Fact]
    public async Task WhenTheDatabaseNoLongerExists_RequestsAre503StorageUnavailable_AndHealthSaysUnhealthy()
    {
        var database = await PostgresCluster.Shared.CreateDatabaseAsync("gone");
        await using var node = new ServiceFactory { PostgreSql = database };
        var admin = await node.AdminAsync();

        var name = new NpgsqlConnectionStringBuilder(database).Database;
        await using (var connection = new NpgsqlConnection(PostgresCluster.Shared.ConnectionString("postgres")))
        {
            await connection.OpenAsync();
            // Dropping a database waits for a checkpoint, which takes long on a busy disk.
            await using var drop = new NpgsqlCommand($"DROP DATABASE \"{name}\" WITH (FORCE)", connection) { CommandTimeout = 300 };
            await drop.ExecuteNonQueryAsync();
        }

        await AssertUnavailableAsync(node, admin);
    }

    [Theory]
    [InlineData("53300")] // too many connections
    [InlineData("57P03")] // the server is starting up or shutting down
    public void AServerRefusingConnections_IsStorageUnavailable(string sqlState)
    {
        var problem = ProblemMapping.Map(new InvalidOperationException("opening a connection failed", new PostgresException("refused", "FATAL", "FATAL", sqlState)));

        Assert.Equal((503, "storage-unavailable"), (problem?.Status, problem?.Code));
    }

    private static async Task AssertUnavailableAsync(ServiceFactory node, HttpClient admin)
    {
        var refused = await admin.GetAsync("/api/tasks");
        await refused.AssertProblemAsync(503, "storage-unavailable");
        Assert.NotNull(refused.Headers.RetryAfter);
        var health = await node.CreateClient().GetAsync("/health");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Equal("Unhealthy", (string?)(await health.ReadObjectAsync())["status"]);
    }
}
