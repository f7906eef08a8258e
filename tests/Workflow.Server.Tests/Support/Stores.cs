using Microsoft.Extensions.Time.Testing;
using Workflow.Tests.Databases;

namespace Workflow.Server.Tests.Support;

/// <summary>
/// The database under a suite's services. A suite that exercises storage is an abstract class taking a <see cref="Store"/>, run by an
/// <c>…OnSqlite</c> and an <c>…OnPostgreSql</c> subclass: the same tests on both.
/// </summary>
public enum Store
{
    Sqlite,
    PostgreSql,
}

public static class Stores
{
    /// <summary>A service on a fresh database of the store: a new data folder, and on PostgreSQL a new database of the run's cluster.</summary>
    public static async Task<ServiceFactory> NewServiceAsync(this Store store, FakeTimeProvider? clock = null) => new()
    {
        Clock = clock ?? new FakeTimeProvider(ServiceFactory.Start),
        PostgreSql = store == Store.PostgreSql ? await PostgresCluster.Shared.CreateDatabaseAsync("server") : null,
    };
}
