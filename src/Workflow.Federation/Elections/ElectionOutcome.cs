namespace Workflow.Federation.Elections;

/// <summary>
/// What the counting committee records for one round of a secret ballot: at the women's congress the people due
/// are the delegates, at the first executive meeting the elected executive members. <paramref name="InvalidBallots"/>
/// are the returned ballots naming more people than the round's seats. At the first executive meeting a round may name
/// its own <see cref="Nomination"/>; without one it votes for those the count proposed (<see cref="ElectionOutcome.NextRound"/>).
/// </summary>
public sealed record BallotRecord(
    int Due,
    int Present,
    int BallotsIssued,
    int BallotsReturned,
    int InvalidBallots,
    IReadOnlyDictionary<string, int> VotesByCandidate)
{
    public LeadershipNomination? Nomination { get; init; }

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
    /// <summary>The committee (or leadership) is formed; seats may be left vacant, and while a round remains they may be voted on again.</summary>
    Valid,

    /// <summary>Not formed yet, and a further round (另行选举) is due for the vacant seats: <see cref="ElectionOutcome.NextRound"/>.</summary>
    Undecided,

    /// <summary>No quorum in the first round, or not formed after the last round: the election is held again.</summary>
    Failed,

    /// <summary>The record does not add up (more present than due, more ballots back than issued, …); correct it. It is not an attempt.</summary>
    RecordRejected,
}

public enum ElectedRole
{
    ExecutiveMember,
    Chair,
    ViceChair,
}

/// <summary>One elected person, with her votes in the round that elected her.</summary>
public sealed record ElectedCandidate(string CandidateId, string Name, ElectedRole Role, int Votes)
{
    public int Round { get; init; } = 1;
}

/// <summary>One office voted on in a round: its seats and who stands. Executive seats have more candidates (差额), leaders as many (等额).</summary>
public sealed record Contest(ElectedRole Role, int Seats, IReadOnlyList<string> CandidateIds);

/// <summary>
/// One counted round: what was voted on, the ballots as recorded, who it elected, who tied across the last seat
/// (none of them elected, so their seats stay vacant), and the explanations, Chinese first.
/// </summary>
public sealed record CountedRound(
    int Number,
    IReadOnlyList<Contest> Contests,
    BallotRecord Ballots,
    IReadOnlyList<ElectedCandidate> Elected,
    IReadOnlyList<string> TiedCandidateIds,
    IReadOnlyList<Explanation> Explanations);

/// <summary>
/// The result of counting one meeting's rounds. <see cref="Elected"/> is everyone the rounds elected, in round and vote order;
/// <see cref="SeatsVacant"/> what remains open; <see cref="NextRound"/> what the same meeting may vote on again (empty when
/// nothing is open or no round remains). <see cref="Explanations"/> quote the election rules and say how the election stands;
/// each round explains itself.
/// </summary>
public sealed record ElectionOutcome(
    ElectionStage Stage,
    ElectionStatus Status,
    IReadOnlyList<ElectedCandidate> Elected,
    int SeatsVacant,
    IReadOnlyList<Explanation> Explanations)
{
    public IReadOnlyList<CountedRound> Rounds { get; init; } = [];

    public IReadOnlyList<Contest> NextRound { get; init; } = [];

    /// <summary>The election rules the count used: the request's, or the configured defaults for a slate stored without them.</summary>
    public ElectionProcedure? Procedure { get; init; }

    public bool IsValid => Status == ElectionStatus.Valid;

    public bool CanBeRerun => Status is ElectionStatus.Failed or ElectionStatus.Undecided;

    /// <summary>The outcome's explanations and every round's.</summary>
    public IEnumerable<Explanation> AllExplanations => Explanations.Concat((Rounds ?? []).SelectMany(r => r.Explanations));

    public bool Explains(string code) => AllExplanations.Any(e => e.Code == code);
}
