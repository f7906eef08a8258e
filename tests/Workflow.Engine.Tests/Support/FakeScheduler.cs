using System.Collections.Concurrent;

namespace Workflow.Engine.Tests.Support;

/// <summary>Keeps scheduled timers so a test can fire the ones that are due.</summary>
public sealed class FakeScheduler : IWorkflowScheduler
{
    private readonly ConcurrentDictionary<string, ScheduledTimer> _timers = new();

    public IReadOnlyCollection<ScheduledTimer> Pending => [.. _timers.Values.OrderBy(t => t.DueAt)];

    public void Schedule(ScheduledTimer timer) => _timers[timer.Key] = timer;

    public void Cancel(string key) => _timers.TryRemove(key, out _);

    public IReadOnlyList<ScheduledTimer> Due(DateTimeOffset now) => [.. _timers.Values.Where(t => t.DueAt <= now).OrderBy(t => t.DueAt)];

    public void Forget(string key) => _timers.TryRemove(key, out _);
}
