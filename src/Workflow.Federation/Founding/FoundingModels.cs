using Workflow.Federation.Common;
using Workflow.Federation.Elections;
using Workflow.Federation.Kinds;
using Workflow.Federation.Ledger;
using Workflow.Federation.Registry;

using Workflow.Federation.Regions;

namespace Workflow.Federation.Founding;

/// <summary>Who acts: their user name (for the journal) and home region (their scope); an admin acts everywhere.</summary>
public sealed record Actor(string UserName, string RegionCode, bool Everywhere = false)
{
    public bool Covers(string? code) => Everywhere || Regions.RegionCode.Covers(RegionCode, code);

    public IQueryable<T> Reach<T>(IQueryable<T> rows, System.Linq.Expressions.Expression<Func<T, string>> regionColumn) =>
        Everywhere ? rows : rows.Within(regionColumn, RegionCode);
}

/// <summary>A new founding request. An organization already in a founded body may join only if <paramref name="LeavesBodyIds"/> names that body: at registration it leaves it.</summary>
public sealed record OpenFounding([Present] IReadOnlyList<Guid> OrganizationIds, [Present, PersonOrPlaceName] string Name, FederationKind Kind, FoundingMode Mode, string? ModeReason,
    [NoNullItems] IReadOnlyList<Guid>? LeavesBodyIds = null);

public sealed record CandidateInput([Present] string Id, [Present, PersonOrPlaceName] string Name, Gender Gender, [Present, PersonOrPlaceName] string Organization, [Present] string Title, int BirthYear, PoliticalStatus PoliticalStatus, Education Education)
{
    public Candidate ToCandidate() => new(Id, Name, Gender, Organization, Title, BirthYear, PoliticalStatus, Education);
}

public sealed record CandidatesInput(
    int ExecutiveSeats,
    int ViceChairSeats,
    DateOnly CongressDate,
    [Present, NoNullItems] IReadOnlyList<CandidateInput> ExecutiveCandidates,
    [Present, NoNullItems] IReadOnlyList<string> ChairCandidateIds,
    [Present, NoNullItems] IReadOnlyList<string> ViceChairCandidateIds);

public sealed record ElectionInput(
    ElectionStage Stage,
    int Due,
    int Present,
    int BallotsIssued,
    int BallotsReturned,
    int InvalidBallots,
    [Present] IReadOnlyDictionary<string, int> VotesByCandidate,
    [NoNullItems] IReadOnlyList<string>? ChairCandidateIds = null,
    [NoNullItems] IReadOnlyList<string>? ViceChairCandidateIds = null)
{
    public BallotRecord ToRecord() => new(Due, Present, BallotsIssued, BallotsReturned, InvalidBallots, VotesByCandidate);
}

public sealed record ElectionAttemptView(ElectionStage Stage, int Number, ElectionStatus Status, IReadOnlyList<ElectedCandidate> Elected,
    IReadOnlyList<Explanation> Explanations, string RecordedBy, DateTimeOffset RecordedAt);

public sealed record FoundingView(
    Guid Id,
    Guid? InstanceId,
    string Name,
    FederationKind Kind,
    FoundingMode Mode,
    string? ModeReason,
    Sector Sector,
    string RegionCode,
    IReadOnlyList<Guid> OrganizationIds,
    string Status,
    IReadOnlyList<string> WaitingAt,
    CandidateSlate? Slate,
    IReadOnlyList<ElectionAttemptView> Elections,
    Guid? BodyId,
    string CreatedBy,
    DateTimeOffset CreatedAt);
