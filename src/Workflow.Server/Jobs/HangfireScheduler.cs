using System.Collections.Concurrent;
using Hangfire;
using Workflow.Engine;
using Workflow.Persistence.Runtime;

namespace Workflow.Server.Jobs;

/// <summary>
/// The engine's timers as Hangfire jobs. The database stays the source of truth: the runtime fires a timer key at most once,
/// so a job that runs twice (or after a restart re-scheduled it) changes nothing the second time.
/// </summary>
internal sealed class HangfireScheduler(IBackgroundJobClient jobs) : IWorkflowScheduler
{
    private readonly ConcurrentDictionary<string, string> _jobIds = new();

    public void Schedule(ScheduledTimer timer)
    {
        var id = jobs.Schedule<TimerJob>(job => job.FireAsync(timer.Key, CancellationToken.None), timer.DueAt);
        if (_jobIds.TryGetValue(timer.Key, out var previous)) jobs.Delete(previous);
        _jobIds[timer.Key] = id;
    }

    public void Cancel(string key)
    {
        if (_jobIds.TryRemove(key, out var id)) jobs.Delete(id);
    }

    internal void Forget(string key) => _jobIds.TryRemove(key, out _);
}

public sealed class TimerJob(WorkflowRuntime runtime, IWorkflowScheduler scheduler)
{
    [AutomaticRetry(Attempts = 5)]
    public async Task FireAsync(string key, CancellationToken cancellationToken)
    {
        await runtime.FireTimerAsync(key, cancellationToken);
        (scheduler as HangfireScheduler)?.Forget(key);
    }
}
