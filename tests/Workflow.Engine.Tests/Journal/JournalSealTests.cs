using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Workflow.Engine.Journal;
using Workflow.Engine.Tests.Support;
using Workflow.Persistence.Runtime;
using Workflow.Persistence.Storage;

namespace Workflow.Engine.Tests.Journal;

/// <summary>The journal sealed with a key kept outside the database: damage and forgery are told apart.</summary>
public sealed class JournalSealTests : IAsyncLifetime
{
    private readonly JournalKey _key = JournalKey.From(RandomNumberGenerator.GetBytes(64));
    private EngineHost _host = null!;
    private Guid _instance;

    public async Task InitializeAsync()
    {
        _host = await EngineHost.StartAsync(_key);
        _instance = await JournalScenario.ApprovedAfterReturnAsync(_host);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private Task SqlAsync(string sql, params (string Name, object? Value)[] parameters) => JournalScenario.SqlAsync(_host, _instance, sql, parameters);

    private const string DropGuards = JournalScenario.DropGuards;

    /// <summary>
    /// What someone with write access to the database but not the key can do: change a row's actor and recompute every
    /// hash from there on, and the instance's head, so that the unkeyed chain is consistent again.
    /// </summary>
    private async Task RewriteActorAndRehashAsync(long sequence, string actor, bool dropSeals = false)
    {
        await using var db = await _host.Get<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        var rows = await db.Journal.AsNoTracking().Where(j => j.InstanceId == _instance).OrderBy(j => j.Sequence).ToListAsync();
        await SqlAsync(DropGuards);
        var previous = rows[(int)sequence - 2].Hash;
        foreach (var row in rows.Where(r => r.Sequence >= sequence))
        {
            var record = row.ToRecord() with { Actor = row.Sequence == sequence ? actor : row.Actor };
            var hash = JournalHasher.Hash(previous, _instance, row.Sequence, record);
            await SqlAsync("""UPDATE journal SET Actor = $actor, PreviousHash = $previous, Hash = $hash, Seal = CASE WHEN $drop THEN NULL ELSE Seal END WHERE InstanceId = $id AND Sequence = $sequence""",
                ("$actor", record.Actor), ("$previous", previous), ("$hash", hash), ("$drop", dropSeals), ("$sequence", row.Sequence));
            previous = hash;
        }
        await SqlAsync("UPDATE instances SET JournalHead = $head WHERE Id = $id", ("$head", previous));
    }

    [Fact]
    public async Task AnUntouchedSealedChain_Verifies()
    {
        var check = await _host.Instances.VerifyJournalAsync(_instance);

        Assert.Equal((true, JournalFinding.Intact, 5L, 0L, true), (check.Valid, check.Finding, check.Length, check.UnsealedRows, check.SealsChecked));
    }

    [Fact]
    public async Task AnEntryChangedWithoutRehashing_IsReportedAsDamage()
    {
        await SqlAsync(DropGuards + "UPDATE journal SET Actor = 'someone-else' WHERE InstanceId = $id AND Sequence = 3");

        var check = await _host.Instances.VerifyJournalAsync(_instance);

        Assert.Equal((JournalFinding.Damaged, 3L), (check.Finding, check.FirstBadSequence));
        Assert.Contains("the entry was changed or damaged", check.Reason);
    }

    [Fact]
    public async Task AChainRehashedWithoutTheKey_IsReportedAsForgery()
    {
        await RewriteActorAndRehashAsync(3, "someone-else");

        var check = await _host.Instances.VerifyJournalAsync(_instance);

        Assert.Equal((JournalFinding.Forged, 3L), (check.Finding, check.FirstBadSequence));
        Assert.Contains("rewritten by someone without the key", check.Reason);
    }

    [Fact]
    public async Task AChainRehashedWithItsSealsRemoved_IsReportedAsForgery_NotAsRowsFromBeforeTheKey()
    {
        await RewriteActorAndRehashAsync(3, "someone-else", dropSeals: true);

        var check = await _host.Instances.VerifyJournalAsync(_instance);

        Assert.Equal((JournalFinding.Forged, 3L), (check.Finding, check.FirstBadSequence));
    }

    [Fact]
    public async Task AnotherNodeWithTheSameKey_Verifies()
    {
        await using var restarted = await _host.SecondNodeAsync(_key);

        var check = await restarted.Instances.VerifyJournalAsync(_instance);

        Assert.True(check.Valid, check.Reason);
    }

    [Fact]
    public async Task ADifferentKey_ReportsForgery()
    {
        await using var other = await _host.SecondNodeAsync(JournalKey.From(RandomNumberGenerator.GetBytes(64)));

        var check = await other.Instances.VerifyJournalAsync(_instance);

        Assert.Equal((false, JournalFinding.Forged, 1L), (check.Valid, check.Finding, check.FirstBadSequence));
    }

    [Fact]
    public async Task RowsWrittenBeforeTheKey_VerifyAsUnsealed_AndTheInstanceGoesOnSealed()
    {
        await using var before = await EngineHost.StartAsync();
        await before.PublishSampleAsync("approval.json");
        var started = await before.StartAsync("approval", new() { ["regionCode"] = "370102" });
        var returned = await before.DecideAsync(started.NewBookmarks[0].Id, "return", new() { ["opinion"] = "请补充材料" });
        await using var upgraded = await before.SecondNodeAsync(_key);

        await upgraded.DecideAsync(returned.NewBookmarks[0].Id, "resubmit", actor: "officer-1");
        var check = await upgraded.Instances.VerifyJournalAsync(started.InstanceId);

        Assert.True(check.Valid, check.Reason);
        Assert.Equal((JournalFinding.Intact, 2L, 3L), (check.Finding, check.UnsealedRows, check.Length));
    }
}
