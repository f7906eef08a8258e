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

    /// <summary>Open tasks whose due date moved: the store rewrites the bookmark and replaces its unfired timers with <see cref="Timers"/>.</summary>
    public List<DueMove> DueMoves { get; } = [];
}

/// <summary>An open task's new due date.</summary>
public sealed record DueMove(Guid BookmarkId, DateTimeOffset DueAt);
