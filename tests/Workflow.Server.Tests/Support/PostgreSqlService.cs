using Workflow.Tests.Databases;

namespace Workflow.Server.Tests.Support;

/// <summary>A test class's service on a fresh database of the test run's PostgreSQL cluster, with Hangfire.PostgreSql in it.</summary>
public sealed class PostgreSqlService : IAsyncLifetime
{
    public ServiceFactory Factory { get; } = new();

    public async Task InitializeAsync()
    {
        Factory.OnPostgreSql(await PostgresCluster.Shared.CreateDatabaseAsync("server"));
    }

    public Task DisposeAsync()
    {
        Factory.Dispose();
        return Task.CompletedTask;
    }
}
