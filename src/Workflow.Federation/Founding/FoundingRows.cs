using Workflow.Federation.Elections;
using Workflow.Federation.Kinds;
using Workflow.Federation.Ledger;
using Workflow.Federation.Registry;

namespace Workflow.Federation.Founding;

/// <summary>A request to found one body: for one organization, or several for a joint founding. Its steps run as the <c>founding</c> workflow.</summary>
public sealed class FoundingRequestRow
{
    public required Guid Id { get; init; }
    public Guid? InstanceId { get; set; }
    public required string Name { get; set; }
    public required FederationKind Kind { get; init; }
    public required FoundingMode Mode { get; init; }
    /// <summary>Why the mode differs from the recommendation; required when it does.</summary>
    public string? ModeReason { get; set; }
    public required Sector Sector { get; init; }
    public required string RegionCode { get; init; }
    public required string CreatedBy { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    /// <summary>The candidate slate as JSON, set during preparation.</summary>
    public string? Slate { get; set; }
    public DateOnly? CongressDate { get; set; }
    public Guid? BodyId { get; set; }
    public List<FoundingMemberRow> Members { get; init; } = [];

    public bool IsMicroHome => Kind == FederationKind.MicroHome;
}

public sealed class FoundingMemberRow
{
    public required Guid RequestId { get; init; }
    public required Guid OrganizationId { get; init; }
}

/// <summary>One counted vote, kept with its record so a failed election and its re-run both stay on file.</summary>
public sealed class ElectionAttemptRow
{
    public required Guid Id { get; init; }
    public required Guid RequestId { get; init; }
    public required ElectionStage Stage { get; init; }
    public required int Number { get; init; }
    public required string Record { get; init; }
    public required string Outcome { get; init; }
    public required ElectionStatus Status { get; init; }
    public required string RecordedBy { get; init; }
    public required DateTimeOffset RecordedAt { get; init; }
}
