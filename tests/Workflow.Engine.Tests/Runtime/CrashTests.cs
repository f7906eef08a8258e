using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Workflow.Engine.Execution;
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
        var database = provider == StorageProvider.Sqlite ? host.DatabaseFile : host.Storage.ConnectionString;
        var random = new Random(20261123);
        for (var kill = 0; kill < 20; kill++)
        {
            using var process = new Process
            {
                StartInfo = new ProcessStartInfo("dotnet", [s_host, database, s_definition, kill.ToString(System.Globalization.CultureInfo.InvariantCulture)])
                {
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                },
            };
            var running = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var errors = new System.Text.StringBuilder();
            process.OutputDataReceived += (_, e) => { if (e.Data == "running") running.TrySetResult(); };
            process.ErrorDataReceived += (_, e) => { lock (errors) errors.AppendLine(e.Data); };
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var started = await Task.WhenAny(running.Task, process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(60)));
            Assert.True(started == running.Task, $"crash host did not start: {errors}");
            await Task.Delay(random.Next(5, 300));
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();

            var problems = await DatabaseAudit.ProblemsAsync(host.Get<IDbContextFactory<WorkflowDbContext>>(), host.Instances);
            Assert.True(problems.Count == 0, $"after kill {kill + 1}:\n" + string.Join("\n", problems));
            Assert.True(await EveryStartHasItsDomainRowAsync(host), $"after kill {kill + 1}: a domain row and its instance were not committed together");
        }

        await host.Runtime.RecoverAsync();
        var finished = await DriveEverythingToTheEndAsync(host);
        Assert.True(finished > 20, $"only {finished} instances ran");
        await using var db = await host.Get<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        Assert.Equal(0, await db.Instances.CountAsync(i => i.Status != InstanceStatus.Finished));
    }

    /// <summary>The crash host writes a domain row in each start's unit of work: never one without the other.</summary>
    private static async Task<bool> EveryStartHasItsDomainRowAsync(EngineHost host)
    {
        var contexts = host.Get<IDbContextFactory<WorkflowDbContext>>();
        var rows = await DomainRows.ReadAsync(contexts);
        await using var db = await contexts.CreateDbContextAsync();
        var instances = await db.Instances.AsNoTracking().Select(i => i.Id).ToListAsync();
        return rows.Values.ToHashSet().SetEquals(instances) && rows.Count == instances.Count;
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
