namespace Workflow.Engine;

public enum TimerPurpose { Resume, Reminder, Escalation }

/// <summary>A durable timer: when <see cref="DueAt"/> passes, the host calls the runtime's FireTimer with <see cref="Key"/>. The key makes each occurrence fire at most once.</summary>
public sealed record ScheduledTimer(string Key, Guid InstanceId, Guid BookmarkId, DateTimeOffset DueAt, TimerPurpose Purpose);

/// <summary>Where timers go after their transition commits; the service plugs in Hangfire, tests a fake.</summary>
public interface IWorkflowScheduler
{
    void Schedule(ScheduledTimer timer);

    void Cancel(string key);
}

/// <summary>
/// The host's working days, for user-task due dates: a task falling due on a day off is due at the same time on the next
/// working day. <see cref="DueDate.Note"/> says why it moved (for the task's reminders), null when it did not.
/// </summary>
public interface IDueDateCalendar
{
    DueDate Adjust(DateTimeOffset due);
}

public sealed record DueDate(DateTimeOffset At, string? Note);

/// <summary>Who should hear of something: a role in a region, as a task assignment is written, or one person of it when <paramref name="UserId"/> is set.</summary>
public sealed record Recipient(string Role, string? ApproverKind, string? RegionCode, string? UserId = null);

/// <summary>
/// One message for the outbox. <paramref name="DueAt"/> is when it was meant to go out: the planned time of the reminder or
/// escalation timer that raised it, which is earlier than <paramref name="CreatedAt"/> when the timer fired late (the service
/// was down); null for a message sent as it happens (<c>notify</c>).
/// </summary>
public sealed record NotificationMessage(Guid Id, string Kind, Guid InstanceId, Guid? BookmarkId, Recipient To, string Subject, string Body, DateTimeOffset CreatedAt, DateTimeOffset? DueAt = null)
{
    /// <summary>An escalation of a step marked <c>urgentEscalation</c>: the host delivers it at once, whatever the recipient's habits.</summary>
    public bool Urgent { get; init; }
}

/// <summary>Receives notifications after the transition that produced them has committed.</summary>
public interface INotificationPort
{
    Task SendAsync(NotificationMessage message, CancellationToken cancellationToken);
}

/// <summary>An instance that reached an <c>end</c>: which definition it ran, its correlation id and the end's outcome.</summary>
public sealed record InstanceFinished(Guid InstanceId, string DefinitionId, int DefinitionVersion, string? CorrelationId, string? Result, DateTimeOffset At);

/// <summary>
/// Hears of every instance that finishes, right after the transition that finished it has committed (so it reads what
/// the transition wrote). A failing observer is logged and changes nothing that committed; an observer that must not
/// miss one (a crash between commit and call) also sweeps for what it should have heard of.
/// </summary>
public interface IInstanceFinishedObserver
{
    Task OnFinishedAsync(InstanceFinished finished, CancellationToken cancellationToken);
}
