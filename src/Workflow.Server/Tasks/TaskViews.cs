using Workflow.Engine.Definitions;
using Workflow.Federation.Common;

namespace Workflow.Server.Tasks;

public sealed record FormFieldView(string Name, string Type, bool Required, string? Label)
{
    public static FormFieldView From(FormField f) => new(f.Name, f.Type.ToString().ToLowerInvariant(), f.Required, f.Label);
}

public sealed record TaskView(
    Guid Id,
    Guid InstanceId,
    string DefinitionId,
    int DefinitionVersion,
    string ActivityId,
    string? Title,
    string? Role,
    string? ApproverKind,
    string? RegionCode,
    DateTimeOffset CreatedAt,
    DateTimeOffset? DueAt,
    bool Overdue,
    string? ClaimedBy,
    string? DelegatedBy,
    bool Personal = false);

public sealed record TaskDetail(TaskView Task, IReadOnlyList<string> Outcomes, IReadOnlyList<FormFieldView> Form, string? CorrelationId);

public sealed record TaskPage(IReadOnlyList<TaskView> Items, int Page, int PageSize, int Total);

public sealed record DecidedTask(Guid TaskId, Guid InstanceId, string? ActivityId, string? Outcome, DateTimeOffset DecidedAt, string? Data);

public sealed record DecidedPage(IReadOnlyList<DecidedTask> Items, int Page, int PageSize);

public sealed record DecisionRequest([Present] string Outcome, string? Comment, System.Text.Json.Nodes.JsonObject? Form);

public sealed record DelegationRequest(Guid UserId, string? Note);

public sealed record DecisionResult(Guid InstanceId, string Status, string? Result, IReadOnlyList<Guid> NextTasks);

/// <summary>Inbox filters: <c>available</c> = open to the caller and not held by someone else; <c>mine</c> = claimed by or delegated to the caller; <c>all</c> = everything in scope.</summary>
public sealed record TaskQuery(string? Show, string? DefinitionId, string? ActivityId, string? RegionCode, bool? Overdue, int Page = 1, int PageSize = 20);
