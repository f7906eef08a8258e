using Workflow.Engine.Journal;

namespace Workflow.Engine.Execution;

/// <summary>What one step of an instance changed: the store applies all of it in one transaction or none of it.</summary>
public sealed class Transition(InstanceState state)
{
    public InstanceState State { get; } = state;
    public InstanceStatus Status { get; set; } = InstanceStatus.Running;
    public List<Bookmark> Opened { get; } = [];
    public List<Guid> Closed { get; } = [];
    public List<ScheduledTimer> Timers { get; } = [];
    public List<JournalRecord> Journal { get; } = [];
    public List<NotificationMessage> Notifications { get; } = [];
    public List<ChildStart> ChildStarts { get; } = [];
}
