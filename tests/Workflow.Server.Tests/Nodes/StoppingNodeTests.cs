using Npgsql;
using Workflow.Server.Tests.Support;
using Workflow.Tests.Databases;

namespace Workflow.Server.Tests.Nodes;

/// <summary>
/// A node that stops gives its database connections back: a rolling restart of several nodes would otherwise fill the server's
/// <c>max_connections</c> with the idle connections of nodes that are gone.
/// </summary>
public sealed class StoppingNodeTests
{
    [Fact]
    public async Task ANodeThatStops_LeavesNoConnectionToItsDatabase()
    {
        var database = await PostgresCluster.Shared.CreateDatabaseAsync("stopping");
        var name = new NpgsqlConnectionStringBuilder(database).Database!;
        var node = new ServiceFactory { PostgreSql = database };
        var scenario = await Scenario.CreateAsync(node);
        await scenario.StartApprovalAsync();
        Assert.True(await ConnectionsToAsync(name) > 0);

        await node.DisposeAsync();

        // A backend leaves pg_stat_activity a moment after its client closed the connection.
        await Eventually.HoldsAsync(async () => await ConnectionsToAsync(name) == 0, TimeSpan.FromSeconds(5));
        Assert.Equal("", await QueriesOnAsync(name));
    }

    private static async Task<string> QueriesOnAsync(string database)
    {
        await using var connection = new NpgsqlConnection(PostgresCluster.Shared.ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var list = new NpgsqlCommand("SELECT string_agg(state || ': ' || left(query, 60), E'\n') FROM pg_stat_activity WHERE datname = @name", connection);
        list.Parameters.AddWithValue("name", database);
        return (await list.ExecuteScalarAsync()) as string ?? "";
    }

    private static async Task<long> ConnectionsToAsync(string database)
    {
        await using var connection = new NpgsqlConnection(PostgresCluster.Shared.ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE datname = @name", connection);
        count.Parameters.AddWithValue("name", database);
        return (long)(await count.ExecuteScalarAsync())!;
    }
}
