using Workflow.Tests.Databases;

namespace Workflow.Server.Tests.Support;

/// <summary>A test class's service on a fresh database of the test run's PostgreSQL cluster, with Hangfire.PostgreSql in it.</summary>
public sealed class PostgreSqlService : IAsyncLifetime
{
    public ServiceFactory Factory { get; private set; } = null!;

    public async Task InitializeAsync() => Factory = await Store.PostgreSql.NewServiceAsync();

    public Task DisposeAsync()
    {
        Factory.Dispose();
        return Task.CompletedTask;
    }
}
