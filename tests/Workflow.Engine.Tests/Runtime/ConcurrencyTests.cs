using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Engine.Execution;
using Workflow.Engine.Journal;
using Workflow.Engine.Tests.Support;
using Workflow.Persistence.Runtime;
using Workflow.Persistence.Storage;
using static Workflow.Engine.Tests.Support.Definitions;

namespace Workflow.Engine.Tests.Runtime;

public abstract class ConcurrencyTests(StorageProvider provider) : IAsyncLifetime
{
    private EngineHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await EngineHost.StartAsync(provider);
        await _host.PublishAsync(Flow("one", Start("review"), Approve("review", "done"), End("done")));
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static async Task<(int Wins, int Conflicts)> RaceAsync(params Func<Task<TransitionResult>>[] racers)
    {
        using var gate = new Barrier(racers.Length);
        var outcomes = await Task.WhenAll(racers.Select(racer => Task.Run(async () =>
        {
            gate.SignalAndWait();
            try
            {
                await racer();
                return true;
            }
            catch (ConcurrencyConflictException)
            {
                return false;
            }
        })));
        return (outcomes.Count(o => o), outcomes.Count(o => !o));
    }

    [Fact]
    public async Task TwoThreadsDecidingOneTask_GiveOneTransitionAndOneConflict_EveryTime()
    {
        for (var round = 0; round < 50; round++)
        {
            var task = (await _host.StartAsync("one")).NewBookmarks[0];

            var (wins, conflicts) = await RaceAsync(
                () => _host.DecideAsync(task.Id, "approve", actor: "甲"),
                () => _host.DecideAsync(task.Id, "approve", actor: "乙"));

            Assert.Equal((1, 1), (wins, conflicts));
            Assert.Single(await _host.Instances.JournalAsync(task.InstanceId), j => j.Kind == JournalKind.Resumed);
        }
    }

    [Fact]
    public async Task TwoNodesOnOneDatabaseFile_GiveOneTransitionAndOneConflict_EveryTime()
    {
        await using var other = await _host.SecondNodeAsync();
        for (var round = 0; round < 30; round++)
        {
            var task = (await _host.StartAsync("one")).NewBookmarks[0];

            var (wins, conflicts) = await RaceAsync(
                () => _host.DecideAsync(task.Id, "approve", actor: "node-1"),
                () => other.DecideAsync(task.Id, "approve", actor: "node-2"));

            Assert.Equal((1, 1), (wins, conflicts));
            Assert.Equal(InstanceStatus.Finished, (await other.Instances.GetAsync(task.InstanceId)).Status);
        }
    }

    [Fact]
    public async Task ParallelSignOffsOnTwoNodes_BothLand_AndTheJoinSeesBoth()
    {
        await _host.PublishAsync(Flow("pair", Start("split"), Fork("split", "a", "b"), Approve("a", "join"), Approve("b", "join"), Join("join", "split", "all", "done"), End("done")));
        await using var other = await _host.SecondNodeAsync();
        for (var round = 0; round < 20; round++)
        {
            var tasks = (await _host.StartAsync("pair")).NewBookmarks;

            var (wins, _) = await RaceAsync(() => _host.DecideAsync(tasks[0].Id, "approve"), () => other.DecideAsync(tasks[1].Id, "approve"));

            Assert.Equal(2, wins);
            Assert.Equal(InstanceStatus.Finished, (await _host.Instances.GetAsync(tasks[0].InstanceId)).Status);
        }
    }

    [Fact]
    public async Task EveryConnection_IsDurableOnCommit()
    {
        await using var db = await _host.Get<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        if (provider == StorageProvider.PostgreSql)
        {
            // The server's defaults: a commit returns once its WAL record is flushed to disk.
            command.CommandText = "SHOW fsync";
            Assert.Equal("on", await command.ExecuteScalarAsync());
            command.CommandText = "SHOW synchronous_commit";
            Assert.Equal("on", await command.ExecuteScalarAsync());
            return;
        }

        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", await command.ExecuteScalarAsync());
        command.CommandText = "PRAGMA synchronous";
        Assert.Equal(2L, await command.ExecuteScalarAsync()); // 2 = FULL: the WAL is synced at every commit
    }

    [Fact]
    public async Task BurstOfTenThousandResumesFromEightWorkers_AllLandExactlyOnce()
    {
        const int count = 10_000;
        var tasks = new Guid[count];
        await FromEightWorkersAsync(count, async (i, _) => tasks[i] = (await _host.StartAsync("one", new JsonObject { ["n"] = i })).NewBookmarks[0].Id);
        var transactionsBefore = _host.WriterTransactions.Count;
        var failures = 0;

        await FromEightWorkersAsync(count, async (i, worker) =>
        {
            var result = await _host.DecideAsync(tasks[i], "approve", actor: $"worker-{worker}");
            if (result.Status != InstanceStatus.Finished) Interlocked.Increment(ref failures);
        });

        Assert.Equal(0, failures);
        // On SQLite the resumes that queued behind the writer shared its commits.
        if (provider == StorageProvider.Sqlite) Assert.InRange(_host.WriterTransactions.Count - transactionsBefore, count / 32, count - 1);
        await using var db = await _host.Get<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        Assert.Equal(0, await db.Bookmarks.CountAsync());
        Assert.Equal(count, await db.Instances.CountAsync(i => i.Status == InstanceStatus.Finished));
        Assert.Equal(count, await db.Journal.CountAsync(j => j.Kind == JournalKind.Resumed));
        Assert.Equal(count, await db.Journal.Where(j => j.Kind == JournalKind.Resumed).Select(j => j.BookmarkId).Distinct().CountAsync());
    }

    /// <summary>Runs <paramref name="work"/> for 0 … <paramref name="count"/> − 1 from eight concurrent workers, each taking the next number.</summary>
    private static Task FromEightWorkersAsync(int count, Func<int, int, Task> work)
    {
        var next = -1;
        return Task.WhenAll(Enumerable.Range(0, 8).Select(worker => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next)) await work(i, worker);
        })));
    }
}

public sealed class ConcurrencyTestsOnSqlite() : ConcurrencyTests(StorageProvider.Sqlite);

public sealed class ConcurrencyTestsOnPostgreSql() : ConcurrencyTests(StorageProvider.PostgreSql);
