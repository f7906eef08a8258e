using Microsoft.Extensions.DependencyInjection;
using Workflow.Federation.Import;
using Workflow.Server.Pages.Ledger;
using Workflow.Server.Tests.Support;

namespace Workflow.Server.Tests.Pages;

/// <summary>Background imports: their progress while they run, their report when done, and only for the officer who started them.</summary>
public sealed class ImportRunsTests(ServiceFactory factory) : IClassFixture<ServiceFactory>
{
    [Fact]
    public async Task ARun_ShowsTheRowsReadWhileRunning_ThenItsReport_ToItsOwnerOnly()
    {
        var runs = factory.Services.GetRequiredService<ImportRuns>();
        var reported = new TaskCompletionSource();
        var finish = new TaskCompletionSource<ImportReport>(TaskCreationOptions.RunContinuationsAsynchronously);
        var report = new ImportReport("台账.csv", "csv", "GB18030", false, true, 1200, 1000, 200, [], [], null, TimeSpan.FromSeconds(2));

        var id = runs.Start("officer-a", Guid.NewGuid(), "台账.csv", 1200, async (progress, _) =>
        {
            progress.Report(500);
            reported.SetResult();
            return await finish.Task;
        });
        await reported.Task;

        var running = runs.Get(id, "officer-a")!;
        Assert.Equal((true, 500, 1200), (running.Running, running.RowsRead, running.ExpectedRows));
        Assert.Null(runs.Get(id, "officer-b"));
        finish.SetResult(report);
        var done = await DoneAsync(runs, id);
        Assert.Equal((false, 1200, report), (done.Running, done.RowsRead, done.Report));
    }

    [Fact]
    public async Task ARunThatThrows_EndsAsFailed()
    {
        var runs = factory.Services.GetRequiredService<ImportRuns>();
        var id = runs.Start("officer-a", Guid.NewGuid(), "坏文件.xlsx", null, (_, _) => throw new IOException("disk gone"));
        var done = await DoneAsync(runs, id);
        Assert.True(done.Failed);
        Assert.Null(done.Report);
    }

    private static async Task<ImportRun> DoneAsync(ImportRuns runs, Guid id)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            if (runs.Get(id, "officer-a") is { Running: false } run) return run;
            await Task.Delay(20);
        }
        throw new Xunit.Sdk.XunitException("the run did not end");
    }
}
