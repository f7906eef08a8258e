using Workflow.Engine;
using Workflow.Engine.Execution;
using Workflow.Engine.Journal;

namespace Workflow.Persistence.Storage;

public sealed class DefinitionRow
{
    public required string DefinitionId { get; init; }
    public required int Version { get; init; }
    public required string Name { get; init; }
    public required string Json { get; init; }
    public required string ContentHash { get; init; }
    public required DateTimeOffset PublishedAt { get; init; }
    public required string PublishedBy { get; init; }
}

public sealed class InstanceRow
{
    public required Guid Id { get; init; }
    public required string DefinitionId { get; init; }
    public required int DefinitionVersion { get; init; }
    public string? CorrelationId { get; init; }
    public InstanceStatus Status { get; set; }
    public required string State { get; set; }
    public string? Result { get; set; }
    /// <summary>Optimistic concurrency token: every transition bumps it.</summary>
    public int Revision { get; set; }
    public long JournalLength { get; set; }
    public string JournalHead { get; set; } = JournalHasher.Genesis;
    public Guid? ParentInstanceId { get; init; }
    public Guid? ParentBookmarkId { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
}

public sealed class BookmarkRow
{
    public required Guid Id { get; init; }
    public required Guid InstanceId { get; init; }
    public required string ActivityId { get; init; }
    public required BookmarkKind Kind { get; init; }
    public required string TokenId { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? DueAt { get; init; }
    public string? Role { get; init; }
    public string? ApproverKind { get; init; }
    public string? RegionCode { get; init; }
    public string? Title { get; init; }
    public Guid? ChildInstanceId { get; init; }
    public string? AssigneeUserId { get; init; }
    public bool HasTimers { get; init; }

    public static BookmarkRow From(Bookmark b, bool hasTimers) => new()
    {
        Id = b.Id, InstanceId = b.InstanceId, ActivityId = b.ActivityId, Kind = b.Kind, TokenId = b.TokenId, CreatedAt = b.CreatedAt,
        DueAt = b.DueAt, Role = b.Role, ApproverKind = b.ApproverKind, RegionCode = b.RegionCode, Title = b.Title,
        ChildInstanceId = b.ChildInstanceId, AssigneeUserId = b.AssigneeUserId, HasTimers = hasTimers,
    };

    public Bookmark ToModel() => new(Id, InstanceId, ActivityId, Kind, TokenId, CreatedAt, DueAt, Role, ApproverKind, RegionCode, Title, ChildInstanceId, AssigneeUserId);
}

public sealed class TimerRow
{
    public required string Key { get; init; }
    public required Guid InstanceId { get; init; }
    public required Guid BookmarkId { get; init; }
    public required DateTimeOffset DueAt { get; init; }
    public required TimerPurpose Purpose { get; init; }
    public DateTimeOffset? FiredAt { get; set; }
}

/// <summary>Append-only: the database refuses updates and deletes (see the migration's triggers).</summary>
public sealed class JournalRow
{
    public required Guid InstanceId { get; init; }
    public required long Sequence { get; init; }
    public required DateTimeOffset At { get; init; }
    public required string Actor { get; init; }
    public required JournalKind Kind { get; init; }
    public string? ActivityId { get; init; }
    public string? Outcome { get; init; }
    public Guid? BookmarkId { get; init; }
    public string? Data { get; init; }
    public required string PreviousHash { get; init; }
    public required string Hash { get; init; }
    /// <summary>HMAC-SHA256 of <see cref="Hash"/> with the journal key; null for rows written before the journal was keyed.</summary>
    public string? Seal { get; init; }

    public JournalRecord ToRecord() => new(At, Actor, Kind, ActivityId, Outcome, BookmarkId, Data);
}

public sealed class IncidentRow
{
    public required Guid Id { get; init; }
    public required Guid InstanceId { get; init; }
    public string? ActivityId { get; init; }
    public required string Message { get; init; }
    public required string Detail { get; init; }
    /// <summary>The event that failed, so a retry can apply it again.</summary>
    public required string Event { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? ResolvedAt { get; set; }
    public string? ResolvedBy { get; set; }
}

/// <summary>Notifications written in the transition's transaction and handed to the port after commit.</summary>
public sealed class OutboxRow
{
    public required Guid Id { get; init; }
    public required Guid InstanceId { get; init; }
    public required string Message { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? DispatchedAt { get; set; }
}
