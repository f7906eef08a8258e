using Workflow.Engine.Definitions;
using Workflow.Federation.Common;
using Workflow.Federation.Subjects;

namespace Workflow.Server.Tasks;

public sealed record FormFieldView(string Name, string Type, bool Required, string? Label, string? Help = null)
{
    public static FormFieldView From(FormField f) => new(f.Name, f.Type.ToString().ToLowerInvariant(), f.Required, f.Label, f.Help);
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
    bool Personal = false,
    InstanceSubject? Subject = null);

/// <summary>One value a person entered with a decision, under the label its step gave the field.</summary>
public sealed record DecisionValue(string Name, string Label, string Value);

/// <summary>A decision of the request so far: who, when, at which step, with what outcome, opinion and comment.</summary>
public sealed record DecisionView(DateTimeOffset At, string Actor, string? ActivityId, string? Title, string? Outcome, string? Comment, IReadOnlyList<DecisionValue> Values);

/// <summary>
/// A task with what deciding it needs: its outcomes and form, the request it belongs to, the decisions so far and, when
/// the previous decision sent the request back, that decision (<see cref="Returned"/>: why it is here again).
/// </summary>
public sealed record TaskDetail(TaskView Task, IReadOnlyList<string> Outcomes, IReadOnlyList<FormFieldView> Form, string? CorrelationId,
    InstanceSubject? Subject = null, IReadOnlyList<DecisionView>? History = null, DecisionView? Returned = null);

public sealed record TaskPage(IReadOnlyList<TaskView> Items, int Page, int PageSize, int Total);

public sealed record DecidedTask(Guid TaskId, Guid InstanceId, string? ActivityId, string? Outcome, DateTimeOffset DecidedAt, string? Data,
    string? Title = null, InstanceSubject? Subject = null);

public sealed record DecidedPage(IReadOnlyList<DecidedTask> Items, int Page, int PageSize, int Total = 0);

/// <summary>How many tasks each tab of the inbox holds, with the same filters applied.</summary>
public sealed record TaskCounts(int Mine, int Available, int Handed, int Done);

/// <summary>The inbox page at once: the tabs' counts, one tab's page of open tasks (none on the done tab) and the step kinds of the filter.</summary>
public sealed record InboxOverview(TaskCounts Counts, TaskPage? Open, IReadOnlyList<(string ActivityId, string Title)> Steps);

public sealed record DecisionRequest([Present] string Outcome, string? Comment, System.Text.Json.Nodes.JsonObject? Form);

/// <summary>Someone a task can be handed to.</summary>
public sealed record Colleague(Guid Id, string UserName, string DisplayName, string RegionCode);

public sealed record DelegationRequest(Guid UserId, string? Note);

public sealed record DecisionResult(Guid InstanceId, string Status, string? Result, IReadOnlyList<Guid> NextTasks);

/// <summary>
/// Inbox filters: <c>available</c> = open to the caller and not held by someone else; <c>unclaimed</c> = open to the caller
/// and held by nobody (the pages' "to claim"); <c>mine</c> = claimed by or delegated
/// to the caller; <c>handed</c> = delegated to the caller by a colleague; <c>all</c> = everything in scope. <c>dueBy</c>: due
/// at or before this moment.
/// </summary>
public sealed record TaskQuery(string? Show, string? DefinitionId, string? ActivityId, string? RegionCode, bool? Overdue, int Page = 1, int PageSize = 20,
    DateTimeOffset? DueBy = null);
