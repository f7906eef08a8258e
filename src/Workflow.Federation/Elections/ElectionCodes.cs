namespace Workflow.Federation.Elections;

/// <summary>The stable codes of election explanations; clients and tests match on these, never on the text.</summary>
public static class ElectionCodes
{
    public const string NoElectionForKind = "election.no-election-for-kind";
    public const string ExecutiveSeatsOutOfRange = "election.executive-seats-out-of-range";
    public const string ViceChairSeatsOutOfRange = "election.vice-chair-seats-out-of-range";
    public const string ExecutiveCandidatesNotCompetitive = "election.executive-candidates-not-competitive";
    public const string ChairCandidatesNotEqualToSeats = "election.chair-candidates-not-equal-to-seats";
    public const string ViceChairCandidatesNotEqualToSeats = "election.vice-chair-candidates-not-equal-to-seats";
    public const string DuplicateCandidate = "election.duplicate-candidate";
    public const string LeaderNominatedTwice = "election.leader-nominated-twice";
    public const string LeaderNotExecutiveCandidate = "election.leader-not-executive-candidate";
    public const string CandidateNotWoman = "election.candidate-not-woman";
    public const string CandidateProfileIncomplete = "election.candidate-profile-incomplete";
    public const string CandidateTooYoung = "election.candidate-too-young";
    public const string MarginTooSmall = "election.margin-too-small";
    public const string Procedure = "election.procedure";

    public const string RecordInconsistent = "election.record-inconsistent";
    public const string UnknownCandidateVoted = "election.unknown-candidate-voted";
    public const string QuorumMet = "election.quorum-met";
    public const string QuorumNotMet = "election.quorum-not-met";
    public const string VoteVoid = "election.vote-void";
    public const string InvalidBallots = "election.invalid-ballots";
    public const string Elected = "election.elected";
    public const string BelowMajority = "election.below-majority";
    public const string BeyondSeats = "election.beyond-seats";
    public const string TieAtLastSeat = "election.tie-at-last-seat";
    public const string SeatsVacant = "election.seats-vacant";
    public const string CommitteeTooSmall = "election.committee-too-small";
    public const string ChairNotElected = "election.chair-not-elected";
    public const string TooFewViceChairs = "election.too-few-vice-chairs";
    public const string CongressNotValid = "election.congress-not-valid";
    public const string ExecutivesDueMismatch = "election.executives-due-mismatch";
    public const string NomineeNotElectedExecutive = "election.nominee-not-elected-executive";
    public const string NoRounds = "election.no-rounds";
    public const string TooManyRounds = "election.too-many-rounds";
    public const string RoundNotNeeded = "election.round-not-needed";
    public const string RoundsDueDiffer = "election.rounds-due-differ";
    public const string RoundNominationInvalid = "election.round-nomination-invalid";
    public const string Round = "election.round";
    public const string FurtherRound = "election.further-round";
    public const string Formed = "election.formed";

    public const string AttemptAfterValid = "election.attempt-after-valid";
    public const string MeetingBeforeCongress = "election.meeting-before-congress";
    public const string RejectedRecordNotAnAttempt = "election.rejected-record-not-an-attempt";
}
