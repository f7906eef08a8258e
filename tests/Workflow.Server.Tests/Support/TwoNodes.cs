using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Workflow.Persistence.Storage;
using Workflow.Tests.Databases;

namespace Workflow.Server.Tests.Support;

/// <summary>
/// Two service nodes on one fresh PostgreSQL database, as behind a load balancer: each with its own data folder (so nothing is
/// shared through files), its own Hangfire server and its own clock, both clocks from the same start.
/// </summary>
public sealed class TwoNodes : IAsyncDisposable
{
    private TwoNodes(ServiceFactory a, ServiceFactory b)
    {
        A = a;
        B = b;
    }

    public ServiceFactory A { get; }

    public ServiceFactory B { get; }

    /// <summary>Starts node A (which creates and migrates the database), then node B on it.</summary>
    public static async Task<TwoNodes> StartAsync(Func<ServiceFactory, ServiceFactory>? configure = null)
    {
        var database = await PostgresCluster.Shared.CreateDatabaseAsync("nodes");
        var a = Node(database, configure);
        _ = a.Services;
        var b = Node(database, configure);
        _ = b.Services;
        return new TwoNodes(a, b);
    }

    /// <summary>Time passes on both nodes alike.</summary>
    public void Advance(TimeSpan by)
    {
        A.Clock.Advance(by);
        B.Clock.Advance(by);
    }

    /// <summary>A query on the shared database, through <paramref name="node"/>'s engine context.</summary>
    public static async Task<T> EngineRowsAsync<T>(ServiceFactory node, Func<WorkflowDbContext, Task<T>> query)
    {
        await using var db = await node.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        return await query(db);
    }

    public async ValueTask DisposeAsync()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
    }

    private static ServiceFactory Node(string database, Func<ServiceFactory, ServiceFactory>? configure)
    {
        var node = new ServiceFactory { Clock = new FakeTimeProvider(ServiceFactory.Start), PostgreSql = database };
        return configure is null ? node : configure(node);
    }
}
