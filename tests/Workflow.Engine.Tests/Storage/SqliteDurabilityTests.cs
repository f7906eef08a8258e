using Microsoft.EntityFrameworkCore;
using Workflow.Engine.Tests.Support;
using Workflow.Persistence.Storage;

namespace Workflow.Engine.Tests.Storage;

/// <summary>The pragmas are set once per pooled native connection: every later use of it must still be durable.</summary>
public sealed class SqliteDurabilityTests : IAsyncLifetime
{
    private EngineHost _host = null!;

    public async Task InitializeAsync() => _host = await EngineHost.StartAsync(StorageProvider.Sqlite);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task AConnectionReusedFromThePool_KeepsItsPragmas()
    {
        var contexts = _host.Get<IDbContextFactory<WorkflowDbContext>>();
        for (var use = 0; use < 3; use++)
        {
            await using var db = await contexts.CreateDbContextAsync();
            await db.Database.OpenConnectionAsync();
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = "PRAGMA synchronous";
            Assert.Equal(2L, await command.ExecuteScalarAsync());
            command.CommandText = "PRAGMA foreign_keys";
            Assert.Equal(1L, await command.ExecuteScalarAsync());
            command.CommandText = "PRAGMA busy_timeout";
            Assert.Equal(30000L, await command.ExecuteScalarAsync());
        }
    }
}
