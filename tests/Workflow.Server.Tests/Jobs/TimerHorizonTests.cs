using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using Workflow.Engine;
using Workflow.Persistence;
using Workflow.Persistence.Storage;
using Workflow.Server.Jobs;
using Workflow.Server.Reminders;

namespace Workflow.Server.Tests.Jobs;

/// <summary>Far timers wait in the database; the sweep turns them into jobs when they come within the horizon.</summary>
public sealed class TimerHorizonTests : IAsyncLifetime
{
    private static readonly DateTimeOffset s_now = new(2026, 11, 23, 1, 0, 0, TimeSpan.Zero);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "wf-horizon", Guid.NewGuid().ToString("N"));
    private readonly IBackgroundJobClient _jobs = Substitute.For<IBackgroundJobClient>();
    private readonly FakeTimeProvider _clock = new(s_now);
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _jobs.Create(Arg.Any<Job>(), Arg.Any<IState>()).Returns(_ => Guid.NewGuid().ToString());
        _services = new ServiceCollection().AddLogging().AddSingleton<TimeProvider>(_clock).AddWorkflowEngine(Path.Combine(_folder, "workflow.db")).BuildServiceProvider();
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
        var scheduler = new HangfireScheduler(_jobs, new ReminderOptions(), _clock);
        var sweep = new TimerSweep(_services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>(), scheduler, _clock);
        scheduler.Schedule(await StoredTimerAsync(TimeSpan.FromMinutes(2)));
        var far = await StoredTimerAsync(TimeSpan.FromDays(3));
        scheduler.Schedule(far);
        _jobs.Received(1).Create(Arg.Any<Job>(), Arg.Any<IState>());

        await sweep.RunAsync(CancellationToken.None);
        _jobs.Received(1).Create(Arg.Any<Job>(), Arg.Any<IState>());

        _clock.SetUtcNow(far.DueAt - TimeSpan.FromMinutes(5));
        await sweep.RunAsync(CancellationToken.None);
        _jobs.Received(2).Create(Arg.Any<Job>(), Arg.Any<IState>());
        // The job carries the exact due time it waits for; Hangfire wakes it a little ahead.
        _jobs.Received(1).Create(Arg.Is<Job>(j => j.Args.Contains(far.DueAt)), Arg.Is<IState>(s => s is ScheduledState));
        await sweep.RunAsync(CancellationToken.None);
        _jobs.Received(2).Create(Arg.Any<Job>(), Arg.Any<IState>());
    }
}
