namespace Workflow.Engine;

/// <summary>Stable error codes; a host maps them to HTTP statuses and problem types.</summary>
public enum WorkflowError
{
    DefinitionInvalid,
    DefinitionNotFound,
    InstanceNotFound,
    BookmarkNotFound,
    ConcurrencyConflict,
    InvalidPayload,
    InstanceNotActive,
    IncidentNotFound,
    ActivityFaulted,
    DecisionRefused,
}

public class WorkflowException(WorkflowError error, string message, Exception? inner = null) : Exception(message, inner)
{
    public WorkflowError Error { get; } = error;
}

/// <summary>The bookmark was resumed by someone else first: report it as 409 with who and when.</summary>
public sealed class ConcurrencyConflictException(Guid bookmarkId, string? resumedBy, DateTimeOffset? resumedAt)
    : WorkflowException(WorkflowError.ConcurrencyConflict,
        resumedBy is null ? $"bookmark {bookmarkId} was changed concurrently" : $"bookmark {bookmarkId} was already resumed by {resumedBy} at {resumedAt:O}")
{
    public Guid BookmarkId { get; } = bookmarkId;
    public string? ResumedBy { get; } = resumedBy;
    public DateTimeOffset? ResumedAt { get; } = resumedAt;
}

public sealed record FieldError(string Field, string Message);

/// <summary>A resume payload of the wrong shape: each problem names its field.</summary>
public sealed class InvalidPayloadException(IReadOnlyList<FieldError> errors)
    : WorkflowException(WorkflowError.InvalidPayload, "invalid payload: " + string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}")))
{
    public IReadOnlyList<FieldError> Errors { get; } = errors;
}

/// <summary>An activity failed while running (a handler threw, an expression failed): the transition is rolled back and an incident recorded.</summary>
public sealed class ActivityFaultException(string activityId, string message, Exception? inner = null)
    : WorkflowException(WorkflowError.ActivityFaulted, $"activity '{activityId}' failed: {message}", inner)
{
    public string ActivityId { get; } = activityId;
}

/// <summary>
/// An action handler refuses the decision that led to it, because a value in its form breaks a rule of the handler's
/// domain (e.g. a founding date later than the day the registrar registers the body). Unlike a fault, this is the person's
/// to mend, not an administrator's: the transition is rolled back, no incident is recorded, the bookmark stays open, and the
/// host reports <see cref="Exception.InnerException"/>, the domain's own reason. Throw it only from an action that a user
/// task's decision runs, so that someone is there to hear it.
/// </summary>
public sealed class DecisionRefusedException(Exception reason)
    : WorkflowException(WorkflowError.DecisionRefused, reason.Message, reason);
