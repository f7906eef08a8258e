using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Workflow.Engine.Execution;
using Workflow.Engine.Journal;
using Workflow.Engine.Tests.Support;
using Workflow.Persistence.Storage;

namespace Workflow.Engine.Tests.Runtime;

public abstract class CrashTests(StorageProvider provider)
{
    private static readonly string s_host = Path.Combine(AppContext.BaseDirectory, "Workflow.CrashHost.dll");
    private static readonly string s_definition = Path.Combine(AppContext.BaseDirectory, "workflows", "approval.json");

    [Fact]
    public async Task KilledAtRandomMoments_TheDatabaseOnlyEverHoldsWholeTransitions_AndARestartPicksUpEveryInstance()
    {
        await using var host = await EngineHost.StartAsync(provider);
        var random = new Random(20261123);
        for (var kill = 0; kill < 20; kill++)
        {
            await RunAndKillAsync(host, kill, writers: 1, random);
            await AssertWholeAsync(host, kill);
        }

        await host.Runtime.RecoverAsync();
        var finished = await DriveEverythingToTheEndAsync(host);
        Assert.True(finished > 20, $"only {finished} instances ran");
        await using var db = await host.Get<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        Assert.Equal(0, await db.Instances.CountAsync(i => i.Status != InstanceStatus.Finished));
    }

    /// <summary>
    /// Eight writers at once, so on SQLite kills land in batches of several transitions: a batch is one transaction, so the
    /// database holds all of it or none of it, and every transition the runtime answered (the host prints each) is on disk.
    /// </summary>
    [Fact]
    public async Task KilledAtRandomMomentsWithEightWriters_NoAcknowledgedTransitionIsLost_AndNoBatchIsHalfWritten()
    {
        await using var host = await EngineHost.StartAsync(provider);
        var contexts = host.Get<IDbContextFactory<WorkflowDbContext>>();
        var random = new Random(20261202);
        var acknowledged = 0;
        for (var kill = 0; kill < 10; kill++)
        {
            var acks = await RunAndKillAsync(host, kill, writers: 8, random);
            await AssertWholeAsync(host, kill);
            var started = acks.Where(a => a.StartsWith("started ", StringComparison.Ordinal)).Select(a => Guid.Parse(a["started ".Length..])).ToList();
            var resumed = acks.Where(a => a.StartsWith("resumed ", StringComparison.Ordinal)).Select(a => (Guid?)Guid.Parse(a["resumed ".Length..])).ToList();
            await using var db = await contexts.CreateDbContextAsync();
            var instances = (await db.Instances.AsNoTracking().Select(i => i.Id).ToListAsync()).ToHashSet();
            var closed = (await db.Journal.AsNoTracking().Where(j => j.Kind == JournalKind.Resumed).Select(j => j.BookmarkId).ToListAsync()).ToHashSet();
            var lostStarts = started.Where(id => !instances.Contains(id)).ToList();
            var lostDecisions = resumed.Where(id => !closed.Contains(id)).ToList();
            Assert.True(lostStarts.Count == 0, $"after kill {kill + 1}: {lostStarts.Count} of {started.Count} acknowledged starts are not in the database: {string.Join(", ", lostStarts)}");
            Assert.True(lostDecisions.Count == 0, $"after kill {kill + 1}: {lostDecisions.Count} of {resumed.Count} acknowledged decisions are not in the journal: {string.Join(", ", lostDecisions)}");
            acknowledged += started.Count + resumed.Count;
        }
        // Few on a loaded machine (a kill lands 5–300 ms after the host is under way), but never none: the checks above are not empty.
        Assert.True(acknowledged > 0, "no transition was acknowledged before a kill");
    }

    /// <summary>Runs the crash host until it is under way, kills it at a random moment and returns the lines it printed.</summary>
    private static async Task<IReadOnlyList<string>> RunAndKillAsync(EngineHost host, int kill, int writers, Random random)
    {
        var database = host.Storage.Provider == StorageProvider.Sqlite ? host.DatabaseFile : $"{host.Storage.ConnectionString};Application Name={CrashHostApplication}";
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        using var process = new Process
        {
            StartInfo = new ProcessStartInfo("dotnet", [s_host, database, s_definition, kill.ToString(invariant), writers.ToString(invariant)])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            },
        };
        var running = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var lines = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var errors = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            if (e.Data == "running") running.TrySetResult();
            else lines.Enqueue(e.Data);
        };
        process.ErrorDataReceived += (_, e) => { lock (errors) errors.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var started = await Task.WhenAny(running.Task, process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(60)));
        Assert.True(started == running.Task, $"crash host did not start: {errors}");
        await Task.Delay(random.Next(5, 300));
        process.Kill(entireProcessTree: true);
        // Waits for the end of its output too: a line printed before the kill is read.
        await process.WaitForExitAsync();
        if (host.Storage.Provider == StorageProvider.PostgreSql) await UntilTheServerHasEndedItsSessionsAsync(host);
        return [.. lines];
    }

    private const string CrashHostApplication = "workflow-crash-host";

    /// <summary>
    /// A COMMIT the host sent just before its kill still completes on the server, maybe while the audit reads one table after
    /// another; the audit waits for the server to end the host's sessions, so it reads a database that no longer changes.
    /// </summary>
    private static async Task UntilTheServerHasEndedItsSessionsAsync(EngineHost host)
    {
        await using var db = await host.Get<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        var waited = Stopwatch.StartNew();
        while (await db.Database.SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM pg_stat_activity WHERE application_name = {CrashHostApplication}").SingleAsync() > 0)
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(30), "the server kept the killed crash host's sessions for 30 s");
            await Task.Delay(20);
        }
    }

    private static async Task AssertWholeAsync(EngineHost host, int kill)
    {
        var problems = await DatabaseAudit.ProblemsAsync(host.Get<IDbContextFactory<WorkflowDbContext>>(), host.Instances);
        Assert.True(problems.Count == 0, $"after kill {kill + 1}:\n" + string.Join("\n", problems));
        var unpaired = await StartsWithoutTheirDomainRowAsync(host);
        Assert.True(unpaired.Length == 0, $"after kill {kill + 1}: a domain row and its instance were not committed together: {unpaired}");
    }

    /// <summary>
    /// The crash host writes a domain row in each start's unit of work, so there is never one without the other; names
    /// what breaks that, or is empty.
    /// </summary>
    private static async Task<string> StartsWithoutTheirDomainRowAsync(EngineHost host)
    {
        var contexts = host.Get<IDbContextFactory<WorkflowDbContext>>();
        var rows = await DomainRows.ReadAsync(contexts);
        await using var db = await contexts.CreateDbContextAsync();
        var instances = (await db.Instances.AsNoTracking().Select(i => i.Id).ToListAsync()).ToHashSet();
        var rowInstances = rows.Values.ToList();
        var withoutRow = instances.Except(rowInstances).ToList();
        var withoutInstance = rowInstances.Where(id => !instances.Contains(id)).ToList();
        var shared = rowInstances.Count - rowInstances.Distinct().Count();
        return withoutRow.Count + withoutInstance.Count + shared == 0 ? ""
            : $"instances without a domain row: [{string.Join(", ", withoutRow)}]; domain rows without an instance: [{string.Join(", ", withoutInstance)}]; rows sharing an instance: {shared}";
    }

    private static async Task<int> DriveEverythingToTheEndAsync(EngineHost host)
    {
        var contexts = host.Get<IDbContextFactory<WorkflowDbContext>>();
        while (true)
        {
            await using var db = await contexts.CreateDbContextAsync();
            var open = await db.Bookmarks.AsNoTracking().ToListAsync();
            if (open.Count == 0) return await db.Instances.CountAsync();
            foreach (var bookmark in open)
                await host.DecideAsync(bookmark.Id, bookmark.ActivityId == "review" ? "approve" : "resubmit");
        }
    }
}

public sealed class CrashTestsOnSqlite() : CrashTests(StorageProvider.Sqlite);

public sealed class CrashTestsOnPostgreSql() : CrashTests(StorageProvider.PostgreSql);
