using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Workflow.Engine.Execution;
using Workflow.Engine.Journal;
using Workflow.Engine.Tests.Support;
using Workflow.Persistence.Runtime;
using Workflow.Persistence.Storage;
using static Workflow.Engine.Tests.Support.Definitions;

namespace Workflow.Engine.Tests.Stores;

/// <summary>
/// Transitions that arrive together commit together, and nothing weakens: each keeps its own concurrency check and its own
/// fault. A held transition keeps the SQLite writer busy while the others queue, so they land in one batch; on PostgreSQL each
/// runs in a transaction of its own and the same outcomes hold.
/// </summary>
public abstract class GroupCommitTests(StorageProvider provider) : IAsyncLifetime
{
    private EngineHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await EngineHost.StartAsync(provider);
        await _host.PublishAsync(Flow("one", Start("review"), Approve("review", "done"), End("done")));
        await _host.PublishAsync(Flow("hold", Start("hold"), Action("hold", "test.hold", "done"), End("done")));
        await _host.PublishAsync(Flow("register", Start("check"), Approve("check", "register"), Action("register", "test.faultFor", "done"), End("done")));
        await _host.PublishAsync(Flow("fragile", Start("check"), Approve("check", "register"), Action("register", "test.dropTransaction", "done"), End("done")));
        await _host.PublishAsync(Flow("pair", Start("split"), Fork("split", "a", "b"), Approve("a", "join"), Approve("b", "join"), Join("join", "split", "all", "done"), End("done")));
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    /// <summary>
    /// Runs <paramref name="decisions"/> while a held transition keeps the writer busy, then lets it go: on SQLite they all land in the
    /// writer's next transaction, followed by <paramref name="incidents"/> transactions of their own. Returns each decision's outcome
    /// (its result or its exception) in order.
    /// </summary>
    private async Task<IReadOnlyList<(TransitionResult? Result, Exception? Error)>> InOneBatchAsync(int incidents, params Func<Task<TransitionResult>>[] decisions)
    {
        var holder = _host.StartAsync("hold");
        await _host.Holding.Entered;
        var transactionsBefore = _host.WriterTransactions.Count;
        var running = decisions.Select(decide => decide()).ToList();
        await _host.QueuedAsync(decisions.Length);
        _host.Holding.Release();
        Assert.Equal(InstanceStatus.Finished, (await holder).Status);
        var outcomes = new List<(TransitionResult?, Exception?)>();
        foreach (var decision in running)
        {
            try
            {
                outcomes.Add((await decision, null));
            }
            catch (Exception ex) when (ex is WorkflowException or SqliteException)
            {
                outcomes.Add((null, ex));
            }
        }
        if (provider == StorageProvider.Sqlite)
            Assert.Equal(1 + incidents, _host.WriterTransactions.Count - transactionsBefore);
        return outcomes;
    }

    [Fact]
    public async Task ConflictInsideABatch_FailsAlone_AndItsBatchMatesCommit()
    {
        var tasks = new List<Bookmark>();
        for (var i = 0; i < 5; i++) tasks.Add((await _host.StartAsync("one")).NewBookmarks[0]);

        var outcomes = await InOneBatchAsync(0, [
            () => _host.DecideAsync(tasks[0].Id, "approve", actor: "甲"),
            () => _host.DecideAsync(tasks[0].Id, "approve", actor: "乙"),
            .. tasks.Skip(1).Select(t => (Func<Task<TransitionResult>>)(() => _host.DecideAsync(t.Id, "approve")))]);

        var race = outcomes.Take(2).ToList();
        var winner = Assert.Single(race, o => o.Result is not null);
        var conflict = Assert.IsType<ConcurrencyConflictException>(Assert.Single(race, o => o.Error is not null).Error);
        Assert.Equal(winner == race[0] ? "甲" : "乙", conflict.ResumedBy);
        Assert.All(outcomes.Skip(2), o => Assert.Equal(InstanceStatus.Finished, o.Result?.Status));
        Assert.Single(await _host.Instances.JournalAsync(tasks[0].InstanceId), j => j.Kind == JournalKind.Resumed);
        foreach (var task in tasks) Assert.Equal(InstanceStatus.Finished, (await _host.Instances.GetAsync(task.InstanceId)).Status);
    }

    [Fact]
    public async Task FaultingHandlerInsideABatch_RollsBackItsOwnTransition_RecordsItsIncident_AndItsBatchMatesCommit()
    {
        var tasks = new List<Bookmark>();
        for (var i = 0; i < 4; i++) tasks.Add((await _host.StartAsync("register")).NewBookmarks[0]);
        var journalBefore = await _host.Instances.JournalAsync(tasks[1].InstanceId);

        var outcomes = await InOneBatchAsync(1, [.. tasks.Select((t, i) => (Func<Task<TransitionResult>>)(() =>
            _host.DecideAsync(t.Id, "approve", actor: i == 1 ? FaultingForAction.FaultyActor : "approver-1")))]);

        Assert.Equal([InstanceStatus.Finished, InstanceStatus.Faulted, InstanceStatus.Finished, InstanceStatus.Finished], outcomes.Select(o => o.Result?.Status));
        var faulted = await _host.Instances.GetAsync(tasks[1].InstanceId);
        Assert.Equal("check", Assert.Single(faulted.Bookmarks).ActivityId);
        Assert.Null(faulted.Variables["check"]);
        var incident = Assert.Single(faulted.Incidents);
        Assert.Equal(("register", outcomes[1].Result!.IncidentId), (incident.ActivityId, (Guid?)incident.Id));
        Assert.Contains("registry refused this one", incident.Message);
        Assert.Equal([.. journalBefore.Select(j => j.Kind), JournalKind.Faulted], (await _host.Instances.JournalAsync(tasks[1].InstanceId)).Select(j => j.Kind));
        foreach (var task in tasks) Assert.True((await _host.Instances.VerifyJournalAsync(task.InstanceId)).Valid);
        Assert.True((await _host.Instances.GetAsync(tasks[2].InstanceId)).Variables["registered"]!.GetValue<bool>());
    }

    [Fact]
    public async Task TwoSignOffsOfOneInstanceInABatch_BothLand_AndTheJournalChainsThroughBoth()
    {
        var signOffs = (await _host.StartAsync("pair")).NewBookmarks;

        var outcomes = await InOneBatchAsync(0,
            () => _host.DecideAsync(signOffs[0].Id, "approve", actor: "甲"),
            () => _host.DecideAsync(signOffs[1].Id, "approve", actor: "乙"));

        Assert.All(outcomes, o => Assert.Null(o.Error));
        Assert.Equal(InstanceStatus.Finished, (await _host.Instances.GetAsync(signOffs[0].InstanceId)).Status);
        var journal = await _host.Instances.JournalAsync(signOffs[0].InstanceId);
        Assert.Equal(new HashSet<string> { "甲", "乙" }, journal.Where(j => j.Kind == JournalKind.Resumed).Select(j => j.Actor).ToHashSet());
        Assert.Equal(Enumerable.Range(1, journal.Count).Select(n => (long)n), journal.Select(j => j.Sequence));
        Assert.True((await _host.Instances.VerifyJournalAsync(signOffs[0].InstanceId)).Valid);
    }

    /// <summary>PostgreSQL gives each transition a transaction of its own: there is no batch to lose, and this checks SQLite only.</summary>
    [Fact]
    public async Task TransactionLostInsideABatch_FailsEveryTransitionOfTheBatch_AndLeavesNoneOfItOnDisk()
    {
        if (provider != StorageProvider.Sqlite) return;
        var tasks = new List<Bookmark>();
        for (var i = 0; i < 3; i++) tasks.Add((await _host.StartAsync("fragile")).NewBookmarks[0]);

        var outcomes = await InOneBatchAsync(1, [.. tasks.Select((t, i) => (Func<Task<TransitionResult>>)(() =>
            _host.DecideAsync(t.Id, "approve", actor: i == 1 ? DroppingTransactionAction.DroppingActor : "approver-1")))]);

        Assert.IsType<SqliteException>(outcomes[0].Error);
        Assert.Equal(InstanceStatus.Faulted, outcomes[1].Result?.Status);
        Assert.IsType<SqliteException>(outcomes[2].Error);
        foreach (var i in new[] { 0, 2 })
        {
            var view = await _host.Instances.GetAsync(tasks[i].InstanceId);
            Assert.Equal((InstanceStatus.Blocked, tasks[i].Id), (view.Status, Assert.Single(view.Bookmarks).Id));
            Assert.DoesNotContain(await _host.Instances.JournalAsync(tasks[i].InstanceId), j => j.Kind == JournalKind.Resumed);
        }
        // Only whole transitions on disk: the audit finds nothing but the faulted instance, which waits with its incident.
        var problems = await DatabaseAudit.ProblemsAsync(_host.Get<IDbContextFactory<WorkflowDbContext>>(), _host.Instances);
        Assert.All(problems, p => Assert.StartsWith($"{tasks[1].InstanceId}: ", p));
        Assert.Single((await _host.Instances.GetAsync(tasks[1].InstanceId)).Incidents);
        Assert.Equal(InstanceStatus.Finished, (await _host.DecideAsync(tasks[0].Id, "approve")).Status);
    }

    [Fact]
    public async Task ALoneTransition_CommitsOnItsOwn_WithoutWaitingForCompany()
    {
        var task = (await _host.StartAsync("one")).NewBookmarks[0];
        var transactionsBefore = _host.WriterTransactions.Count;

        var result = await _host.DecideAsync(task.Id, "approve");

        Assert.Equal(InstanceStatus.Finished, result.Status);
        if (provider == StorageProvider.Sqlite) Assert.Equal(transactionsBefore + 1, _host.WriterTransactions.Count);
    }

    /// <summary>A lone transition writes without a savepoint: its failure must roll the whole transaction back, leaving nothing of it.</summary>
    [Fact]
    public async Task ALoneFaultingHandler_RollsBackItsTransition_AndRecordsItsIncident()
    {
        var task = (await _host.StartAsync("register")).NewBookmarks[0];
        var journalBefore = await _host.Instances.JournalAsync(task.InstanceId);

        var result = await _host.DecideAsync(task.Id, "approve", actor: FaultingForAction.FaultyActor);

        Assert.Equal(InstanceStatus.Faulted, result.Status);
        var faulted = await _host.Instances.GetAsync(task.InstanceId);
        Assert.Equal("check", Assert.Single(faulted.Bookmarks).ActivityId);
        Assert.Null(faulted.Variables["check"]);
        Assert.Equal(result.IncidentId, Assert.Single(faulted.Incidents).Id);
        Assert.Equal([.. journalBefore.Select(j => j.Kind), JournalKind.Faulted], (await _host.Instances.JournalAsync(task.InstanceId)).Select(j => j.Kind));
        Assert.True((await _host.Instances.VerifyJournalAsync(task.InstanceId)).Valid);
    }
}

public sealed class GroupCommitTestsOnSqlite() : GroupCommitTests(StorageProvider.Sqlite);

public sealed class GroupCommitTestsOnPostgreSql() : GroupCommitTests(StorageProvider.PostgreSql);
