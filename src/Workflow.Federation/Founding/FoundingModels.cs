using System.ComponentModel.DataAnnotations;
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

public sealed record CandidateInput([Present] string Id, [Present, PersonOrPlaceName] string Name, Gender Gender, [Present, PersonOrPlaceName] string Organization, [Present] string Title, int BirthYear, PoliticalStatus PoliticalStatus, Education Education,
    [StringLength(20)] string? Phone = null, [StringLength(200), EmailAddress] string? Email = null)
{
    public Candidate ToCandidate() => new(Id, Name, Gender, Organization, Title, BirthYear, PoliticalStatus, Education,
        string.IsNullOrWhiteSpace(Phone) ? null : Phone.Trim(), string.IsNullOrWhiteSpace(Email) ? null : Email.Trim());
}

/// <summary>
/// The election rules (选举办法) approved with the candidate list; a field left out takes the configured default, and what is
/// stored is the whole document, so a later change of configuration does not change an approved election.
/// </summary>
public sealed record ProcedureInput(Quorum? Quorum = null, MajorityBasis? MajorityBasis = null, int? ExecutiveMargin = null)
{
    public ElectionProcedure With(ElectionProcedure defaults) =>
        new(Quorum ?? defaults.Quorum, MajorityBasis ?? defaults.MajorityBasis, ExecutiveMargin ?? defaults.ExecutiveMargin);
}

public sealed record CandidatesInput(
    int ExecutiveSeats,
    int ViceChairSeats,
    DateOnly CongressDate,
    [Present, NoNullItems] IReadOnlyList<CandidateInput> ExecutiveCandidates,
    [Present, NoNullItems] IReadOnlyList<string> ChairCandidateIds,
    [Present, NoNullItems] IReadOnlyList<string> ViceChairCandidateIds,
    ProcedureInput? Procedure = null);

/// <summary>
/// One round as the counting committee records it. At the first executive meeting a round may name its nominees
/// (<see cref="ChairCandidateIds"/>, <see cref="ViceChairCandidateIds"/>); without them it votes for those proposed.
/// </summary>
public sealed record RoundInput(
    int Due,
    int Present,
    int BallotsIssued,
    int BallotsReturned,
    int InvalidBallots,
    [Present] IReadOnlyDictionary<string, int> VotesByCandidate,
    [NoNullItems] IReadOnlyList<string>? ChairCandidateIds = null,
    [NoNullItems] IReadOnlyList<string>? ViceChairCandidateIds = null)
{
    public BallotRecord ToRecord() => new(Due, Present, BallotsIssued, BallotsReturned, InvalidBallots, VotesByCandidate)
    {
        Nomination = ChairCandidateIds is null && ViceChairCandidateIds is null ? null : new LeadershipNomination(ChairCandidateIds ?? [], ViceChairCandidateIds ?? []),
    };
}

/// <summary>One meeting's vote: the congress or the first executive meeting, with its rounds in order (the first, then any 另行选举).</summary>
public sealed record ElectionInput(ElectionStage Stage, [Present, NoNullItems] IReadOnlyList<RoundInput> Rounds);

/// <summary>
/// A counted meeting: kept (with who recorded it and when) or only previewed (<see cref="RecordedBy"/> null, and a record
/// that does not add up comes back with status <c>recordRejected</c> and its explanations instead of a refusal).
/// </summary>
public sealed record ElectionAttemptView(
    ElectionStage Stage,
    int Number,
    ElectionStatus Status,
    IReadOnlyList<ElectedCandidate> Elected,
    int SeatsVacant,
    IReadOnlyList<CountedRound> Rounds,
    IReadOnlyList<Contest> NextRound,
    ElectionProcedure? Procedure,
    IReadOnlyList<Explanation> Explanations,
    string? RecordedBy,
    DateTimeOffset? RecordedAt)
{
    internal static ElectionAttemptView Of(ElectionOutcome outcome, int number, string? recordedBy, DateTimeOffset? recordedAt) =>
        new(outcome.Stage, number, outcome.Status, outcome.Elected, outcome.SeatsVacant, outcome.Rounds ?? [], outcome.NextRound ?? [], outcome.Procedure,
            outcome.Explanations, recordedBy, recordedAt);
}

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
    DateTimeOffset CreatedAt,
    DateOnly? CongressDate = null);
