namespace Workflow.Federation.Elections;

/// <summary>
/// What the counting committee records for one secret ballot: at the women's congress the people due
/// are the delegates, at the first executive meeting the elected executive members.
/// <paramref name="InvalidBallots"/> are the returned ballots naming more people than seats.
/// </summary>
public sealed record BallotRecord(
    int Due,
    int Present,
    int BallotsIssued,
    int BallotsReturned,
    int InvalidBallots,
    IReadOnlyDictionary<string, int> VotesByCandidate)
{
    public int ValidBallots => BallotsReturned - InvalidBallots;

    public int VotesFor(string candidateId) => VotesByCandidate.GetValueOrDefault(candidateId);
}

public enum ElectionStage
{
    /// <summary>The women's congress (妇女大会 / 会员代表大会) elects the executive members.</summary>
    Congress,

    /// <summary>The first executive meeting elects the chair and vice-chairs.</summary>
    FirstExecutiveMeeting,
}

public enum ElectionStatus
{
    /// <summary>The vote stands; <see cref="ElectionOutcome.Elected"/> is final (seats may be left vacant).</summary>
    Valid,

    /// <summary>A tie at the last seat: those tied need a further ballot; the vote can be re-run.</summary>
    Undecided,

    /// <summary>No quorum, a void vote, or too few elected: the vote is re-run.</summary>
    Failed,

    /// <summary>The record does not add up (e.g. more present than due); correct it. It is not an attempt.</summary>
    RecordRejected,
}

public enum ElectedRole
{
    ExecutiveMember,
    Chair,
    ViceChair,
}

public sealed record ElectedCandidate(string CandidateId, string Name, ElectedRole Role, int Votes);

/// <summary>
/// The result of counting one vote. <see cref="Elected"/> is in vote order and empty unless the vote
/// stands or is undecided; <see cref="TiedCandidateIds"/> are the candidates tied for the last
/// <see cref="SeatsVacant"/> seats when undecided. <see cref="Explanations"/> always say why.
/// </summary>
public sealed record ElectionOutcome(
    ElectionStage Stage,
    ElectionStatus Status,
    IReadOnlyList<ElectedCandidate> Elected,
    IReadOnlyList<string> TiedCandidateIds,
    int SeatsVacant,
    IReadOnlyList<Explanation> Explanations)
{
    public bool IsValid => Status == ElectionStatus.Valid;

    public bool CanBeRerun => Status is ElectionStatus.Failed or ElectionStatus.Undecided;

    public bool Explains(string code) => Explanations.Any(e => e.Code == code);
}
