using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Workflow.Engine.Execution;
using Workflow.Engine.Tests.Support;
using Workflow.Persistence.Storage;
using static Workflow.Engine.Tests.Support.Definitions;

namespace Workflow.Engine.Tests.Runtime;

/// <summary>The runtime hands its transaction to action handlers and to a domain write that starts with an instance.</summary>
public abstract class UnitOfWorkTests(StorageProvider provider) : IAsyncLifetime
{
    private EngineHost _host = null!;

    private IDbContextFactory<WorkflowDbContext> Contexts => _host.Get<IDbContextFactory<WorkflowDbContext>>();

    public async Task InitializeAsync()
    {
        _host = await EngineHost.StartAsync(provider);
        await DomainRows.CreateTableAsync(Contexts);
        await _host.PublishAsync(Flow("request", Start("check"), Approve("check", "done"), End("done")));
        await _host.PublishAsync(Flow("writing", Start("write"), Action("write", "test.unitOfWork", "check"), Approve("check", "done"), End("done")));
        await _host.PublishAsync(Flow("broken", Start("register"), Action("register", "test.register", "done"), End("done")));
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task StartWithAWrite_CommitsTheDomainRowAndTheInstanceTogether()
    {
        var request = Guid.NewGuid();

        var started = await _host.Runtime.StartAsync("request", [], null, "officer-1", (instanceId, work, ct) => DomainRows.InsertAsync(work, request, instanceId, ct));

        Assert.Equal(started.InstanceId, (await DomainRows.ReadAsync(Contexts))[request]);
        Assert.Equal(InstanceStatus.Blocked, (await _host.Instances.GetAsync(started.InstanceId)).Status);
    }

    [Fact]
    public async Task StartWithAWriteThatFails_LeavesNeitherTheRowNorTheInstance()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => _host.Runtime.StartAsync("request", [], "one-unit", "officer-1", async (instanceId, work, ct) =>
        {
            await DomainRows.InsertAsync(work, Guid.NewGuid(), instanceId, ct);
            throw new InvalidOperationException("the second write failed");
        }));

        Assert.Equal("the second write failed", error.Message);
        Assert.Empty(await DomainRows.ReadAsync(Contexts));
        await using var db = await Contexts.CreateDbContextAsync();
        Assert.Equal(0, await db.Instances.CountAsync());
    }

    [Fact]
    public async Task StartWithAWrite_WhoseFirstStepFaults_KeepsTheRowWithItsFaultedInstance()
    {
        _host.Action.Broken = true;
        var request = Guid.NewGuid();

        var started = await _host.Runtime.StartAsync("broken", [], null, "officer-1", (instanceId, work, ct) => DomainRows.InsertAsync(work, request, instanceId, ct));

        Assert.Equal(InstanceStatus.Faulted, started.Status);
        Assert.Equal(started.InstanceId, Assert.Single(await DomainRows.ReadAsync(Contexts)).Value);
        Assert.Equal(request, Assert.Single(await DomainRows.ReadAsync(Contexts)).Key);
    }

    [Fact]
    public async Task ActionHandler_WritesThroughItsUnitOfWork_AndSeesTheStartsOwnWrite()
    {
        var started = await _host.Runtime.StartAsync("writing", [], null, "officer-1", (instanceId, work, ct) => DomainRows.InsertAsync(work, Guid.NewGuid(), instanceId, ct));

        var view = await _host.Instances.GetAsync(started.InstanceId);
        Assert.Equal(2, view.Variables["seen"]!.GetValue<long>());
        Assert.Equal(2, (await DomainRows.ReadAsync(Contexts)).Count);
    }

    [Fact]
    public async Task ActionHandler_ThatFailsAfterWriting_RollsItsRowBackWithTheTransition()
    {
        _host.WritingAction.FailAfterWrite = true;

        var started = await _host.Runtime.StartAsync("writing", new JsonObject(), null, "officer-1");

        Assert.Equal(InstanceStatus.Faulted, started.Status);
        Assert.Empty(await DomainRows.ReadAsync(Contexts));
    }
}

public sealed class UnitOfWorkTestsOnSqlite() : UnitOfWorkTests(StorageProvider.Sqlite);

public sealed class UnitOfWorkTestsOnPostgreSql() : UnitOfWorkTests(StorageProvider.PostgreSql);
