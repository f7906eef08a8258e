namespace Workflow.Server.Tasks;

/// <summary>Who holds an open task: claimed by a person, or delegated to them by a colleague.</summary>
public sealed class TaskClaimRow
{
    public required Guid BookmarkId { get; init; }
    public required Guid AssigneeId { get; set; }
    public required string AssigneeName { get; set; }
    public required DateTimeOffset ClaimedAt { get; set; }
    public string? DelegatedBy { get; set; }
    public string? Note { get; set; }
}
