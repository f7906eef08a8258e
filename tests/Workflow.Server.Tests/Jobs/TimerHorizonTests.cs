using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NSubstitute;
using Workflow.Engine;
using Workflow.Persistence;
using Workflow.Persistence.Storage;
using Workflow.Server.Jobs;

namespace Workflow.Server.Tests.Jobs;

/// <summary>Far timers wait in the database; the sweep turns them into jobs when they come within the horizon.</summary>
public sealed class TimerHorizonTests : IAsyncLifetime
{
    private static readonly DateTimeOffset s_now = new(2026, 11, 23, 1, 0, 0, TimeSpan.Zero);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "wf-horizon", Guid.NewGuid().ToString("N"));
    private readonly IBackgroundJobClient _jobs = Substitute.For<IBackgroundJobClient>();
    private readonly TimeProvider _clock = Substitute.For<TimeProvider>();
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _clock.GetUtcNow().Returns(s_now);
        _jobs.Create(Arg.Any<Job>(), Arg.Any<IState>()).Returns(_ => Guid.NewGuid().ToString());
        _services = new ServiceCollection().AddLogging().AddSingleton(_clock).AddWorkflowEngine(Path.Combine(_folder, "workflow.db")).BuildServiceProvider();
        await _services.GetRequiredService<DatabaseSetup>().MigrateAsync();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private async Task<ScheduledTimer> StoredTimerAsync(TimeSpan dueIn)
    {
        var timer = new ScheduledTimer(Guid.NewGuid().ToString("N"), Guid.NewGuid(), Guid.NewGuid(), s_now + dueIn, TimerPurpose.Reminder);
        await using var db = await _services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        db.Timers.Add(new TimerRow { Key = timer.Key, InstanceId = timer.InstanceId, BookmarkId = timer.BookmarkId, DueAt = timer.DueAt, Purpose = timer.Purpose });
        await db.SaveChangesAsync();
        return timer;
    }

    [Fact]
    public async Task ATimerDueSoon_BecomesAJobAtOnce_AndOneDueInThreeDays_WaitsForTheSweep()
    {
        var scheduler = new HangfireScheduler(_jobs, _clock);
        var sweep = new TimerSweep(_services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>(), scheduler, _clock);
        scheduler.Schedule(await StoredTimerAsync(TimeSpan.FromMinutes(2)));
        var far = await StoredTimerAsync(TimeSpan.FromDays(3));
        scheduler.Schedule(far);
        _jobs.Received(1).Create(Arg.Any<Job>(), Arg.Any<IState>());

        await sweep.RunAsync(CancellationToken.None);
        _jobs.Received(1).Create(Arg.Any<Job>(), Arg.Any<IState>());

        _clock.GetUtcNow().Returns(far.DueAt - TimeSpan.FromMinutes(5));
        await sweep.RunAsync(CancellationToken.None);
        _jobs.Received(2).Create(Arg.Any<Job>(), Arg.Any<IState>());
        _jobs.Received(1).Create(Arg.Any<Job>(), Arg.Is<IState>(s => s is ScheduledState && ((ScheduledState)s).EnqueueAt == far.DueAt.UtcDateTime));
        await sweep.RunAsync(CancellationToken.None);
        _jobs.Received(2).Create(Arg.Any<Job>(), Arg.Any<IState>());
    }
}
