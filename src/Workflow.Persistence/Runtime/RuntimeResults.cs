using System.Text.Json.Nodes;
using Workflow.Engine.Execution;
using Workflow.Engine.Journal;

namespace Workflow.Persistence.Runtime;

/// <summary>What a start, resume or retry did: the instance's new status and the places where it now waits that this step opened.</summary>
public sealed record TransitionResult(Guid InstanceId, InstanceStatus Status, string? Result, IReadOnlyList<Bookmark> NewBookmarks, Guid? IncidentId = null);

public sealed record IncidentView(Guid Id, Guid InstanceId, string? ActivityId, string Message, DateTimeOffset CreatedAt, DateTimeOffset? ResolvedAt, string? ResolvedBy);

public sealed record InstanceView(
    Guid Id,
    string DefinitionId,
    int DefinitionVersion,
    string? CorrelationId,
    InstanceStatus Status,
    string? Result,
    JsonObject Variables,
    JsonObject Input,
    IReadOnlyList<Bookmark> Bookmarks,
    IReadOnlyList<IncidentView> Incidents,
    Guid? ParentInstanceId,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

public sealed record JournalEntry(long Sequence, DateTimeOffset At, string Actor, JournalKind Kind, string? ActivityId, string? Outcome, Guid? BookmarkId, string? Data, string Hash);

/// <summary>Whether an instance's journal chain is intact; when not, the first sequence number that does not check out.</summary>
/// <summary>What a chain check found: nothing, an accident-like break, or a rewrite by someone without the journal key.</summary>
public enum JournalFinding { Intact, Damaged, Forged }

/// <summary>
/// The result of a chain check. <paramref name="Finding"/> tells a row changed or damaged (its hash does not match its
/// content, a link or a row is missing) from a forged chain (hashes consistent, seal wrong). <paramref name="UnsealedRows"/>
/// counts rows written before the journal was keyed, checked by hash only; <paramref name="SealsChecked"/> is false when the
/// engine has no key.
/// </summary>
public sealed record JournalVerification(Guid InstanceId, bool Valid, long Length, long? FirstBadSequence, string? Reason,
    JournalFinding Finding = JournalFinding.Intact, long UnsealedRows = 0, bool SealsChecked = false);

public sealed record RecoveryReport(int TimersRescheduled, int NotificationsResent);

/// <summary>
/// A domain write that belongs to a start (<see cref="WorkflowRuntime.StartAsync(string, JsonObject, string?, string, StartWrite?, int?, CancellationToken)"/>):
/// it runs in the start's transaction, knows the new instance's id, and opens its context on <paramref name="unitOfWork"/>.
/// </summary>
public delegate Task StartWrite(Guid instanceId, Engine.IActionUnitOfWork unitOfWork, CancellationToken cancellationToken);
