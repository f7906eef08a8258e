using System.Collections.Concurrent;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Workflow.Engine;
using Workflow.Persistence.Runtime;
using Workflow.Persistence.Storage;
using Workflow.Server.Reminders;

namespace Workflow.Server.Jobs;

/// <summary>
/// The engine's timers as Hangfire jobs. The database stays the source of truth: the runtime fires a timer key at most once,
/// so a job that runs twice (or after a restart re-scheduled it) changes nothing the second time. Only timers due within
/// <see cref="Horizon"/> become jobs at once; <see cref="TimerSweep"/> brings later ones in as they come near, so a task
/// with a due date, two reminders and an escalation costs no job-store writes until the first of them is close.
/// </summary>
internal sealed class HangfireScheduler(IBackgroundJobClient jobs, ReminderOptions options, TimeProvider clock) : IWorkflowScheduler
{
    public static readonly TimeSpan Horizon = TimeSpan.FromMinutes(10);

    private readonly ConcurrentDictionary<string, string> _jobIds = new();

    public void Schedule(ScheduledTimer timer)
    {
        var now = clock.GetUtcNow();
        if (timer.DueAt > now + Horizon) return;
        // Hangfire keeps whole seconds, polls, and may start a job early: wake a little ahead, measured on the service clock,
        // and let the job wait for the exact due time itself.
        var wake = timer.DueAt - options.JobLead - now;
        var id = wake <= TimeSpan.Zero
            ? jobs.Enqueue<TimerJob>(job => job.FireAsync(timer.Key, timer.DueAt, CancellationToken.None))
            : jobs.Schedule<TimerJob>(job => job.FireAsync(timer.Key, timer.DueAt, CancellationToken.None), wake);
        if (_jobIds.TryGetValue(timer.Key, out var previous)) jobs.Delete(previous);
        _jobIds[timer.Key] = id;
    }

    public void Cancel(string key)
    {
        if (_jobIds.TryRemove(key, out var id)) jobs.Delete(id);
    }

    internal bool Knows(string key) => _jobIds.ContainsKey(key);

    internal void Forget(string key) => _jobIds.TryRemove(key, out _);
}

public sealed class TimerJob(WorkflowRuntime runtime, IWorkflowScheduler scheduler, TimeProvider clock)
{
    /// <summary>Fires the timer at its due time, never before it.</summary>
    [AutomaticRetry(Attempts = 5)]
    public async Task FireAsync(string key, DateTimeOffset dueAt, CancellationToken cancellationToken)
    {
        var wait = dueAt - clock.GetUtcNow();
        if (wait > TimeSpan.Zero) await Task.Delay(wait, clock, cancellationToken);
        await runtime.FireTimerAsync(key, cancellationToken);
        (scheduler as HangfireScheduler)?.Forget(key);
    }
}

/// <summary>Every minute: the timers that came within the horizon (or were missed) become jobs on this node.</summary>
public sealed class TimerSweep(IDbContextFactory<WorkflowDbContext> contexts, IWorkflowScheduler scheduler, TimeProvider clock)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (scheduler is not HangfireScheduler hangfire) return;
        var until = clock.GetUtcNow() + HangfireScheduler.Horizon;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var near = await db.Timers.AsNoTracking().Where(t => t.FiredAt == null && t.DueAt <= until).ToListAsync(cancellationToken);
        foreach (var timer in near.Where(t => !hangfire.Knows(t.Key)))
            hangfire.Schedule(new ScheduledTimer(timer.Key, timer.InstanceId, timer.BookmarkId, timer.DueAt, timer.Purpose));
    }
}
