using Workflow.Federation.Kinds;
using Workflow.Federation.Ledger;

namespace Workflow.Federation.Registry;

/// <summary>
/// A federation body (or micro-home) in the registry: the minimum that coverage counts. The registry feature
/// (leadership, terms, history) extends this row; keep the columns coverage reads stable.
/// </summary>
public sealed class FederationBodyRow
{
    public required Guid Id { get; init; }
    public required string Name { get; set; }
    public required FederationKind Kind { get; set; }
    public required FoundingMode Mode { get; set; }
    public required Sector Sector { get; set; }
    public required string RegionCode { get; set; }
    public FederationBodyStatus Status { get; set; }
    public DateOnly? FoundedOn { get; set; }
    public string? RegistrationNumber { get; set; }
    /// <summary>Five years after founding; re-election (换届) is due then.</summary>
    public DateOnly? TermEndsOn { get; set; }
    public Guid? FoundingRequestId { get; init; }
    public List<FederationBodyMemberRow> Members { get; init; } = [];
    public List<BodyLeaderRow> Leaders { get; init; } = [];
}

public enum LeaderRole
{
    Chair,
    ViceChair,
    ExecutiveMember,
    /// <summary>微家长: a micro-home's head, appointed rather than elected.</summary>
    Head,
}

public static class LeaderRoleNames
{
    /// <summary>The role as the body's documents name it: 主席, 副主席, 执委, 微家长.</summary>
    public static string Chinese(this LeaderRole role) => role switch
    {
        LeaderRole.Chair => "主席",
        LeaderRole.ViceChair => "副主席",
        LeaderRole.Head => "微家长",
        _ => "执委",
    };
}

/// <summary>A member of the body's leadership for one term, in the order they rotate (chair first); earlier terms' rows are kept (<see cref="LeaderTerms"/>).</summary>
public sealed class BodyLeaderRow
{
    public required Guid Id { get; init; }
    public required Guid BodyId { get; init; }
    public required string Name { get; init; }
    public required LeaderRole Role { get; init; }
    public required int Order { get; init; }
    public string? Organization { get; init; }
    public required DateOnly TermStart { get; init; }
    /// <summary>The term's planned end, or the day re-election closed it (换届: the new leadership took office).</summary>
    public required DateOnly TermEnd { get; set; }
    public Guid? UserId { get; set; }
}

/// <summary>An organization a body covers: one for a standalone body, several for a joint one.</summary>
public sealed class FederationBodyMemberRow
{
    public required Guid BodyId { get; init; }
    public required Guid OrganizationId { get; init; }
}
