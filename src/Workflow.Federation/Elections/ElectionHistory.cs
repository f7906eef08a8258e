namespace Workflow.Federation.Elections;

public sealed record ElectionAttempt(ElectionStage Stage, int Number, ElectionOutcome Outcome);

/// <summary>
/// The attempts of one founding's election (issue 4, step 6: "a failed election can be re-run"). A vote
/// that failed or was undecided is held again as the next attempt of its stage; a stage that has a valid
/// vote takes no more attempts, and the first executive meeting needs a valid congress first. A record
/// the count rejected as inconsistent was never a vote, so it is not an attempt.
/// </summary>
public sealed record ElectionHistory(IReadOnlyList<ElectionAttempt> Attempts)
{
    public static ElectionHistory Empty { get; } = new([]);

    public ElectionOutcome? ValidOutcome(ElectionStage stage) =>
        Attempts.FirstOrDefault(a => a.Stage == stage && a.Outcome.IsValid)?.Outcome;

    public bool IsComplete => ValidOutcome(ElectionStage.FirstExecutiveMeeting) is not null;

    public int NextAttemptNumber(ElectionStage stage) => Attempts.Count(a => a.Stage == stage) + 1;

    public Checked<ElectionHistory> Record(ElectionOutcome outcome)
    {
        if (outcome.Status == ElectionStatus.RecordRejected)
            return Checked.Refuse<ElectionHistory>(new Explanation(
                ElectionCodes.RejectedRecordNotAnAttempt,
                "计票记录有误,需更正后重新计票,不计为一次选举。",
                "The count was rejected as inconsistent: correct the record and count again; it does not count as an attempt."));
        if (ValidOutcome(outcome.Stage) is not null)
            return Checked.Refuse<ElectionHistory>(new Explanation(
                ElectionCodes.AttemptAfterValid,
                outcome.Stage == ElectionStage.Congress ? "妇女大会已有效选出执委,不能再次选举。" : "第一次执委会议已有效选出主席、副主席,不能再次选举。",
                outcome.Stage == ElectionStage.Congress
                    ? "The congress has already validly elected the executive members; it cannot vote again."
                    : "The first executive meeting has already validly elected the chair and vice-chairs; it cannot vote again."));
        if (outcome.Stage == ElectionStage.FirstExecutiveMeeting && ValidOutcome(ElectionStage.Congress) is null)
            return Checked.Refuse<ElectionHistory>(new Explanation(
                ElectionCodes.MeetingBeforeCongress,
                "妇女大会尚未有效选出执委,不能记录第一次执委会议的选举。",
                "The congress has not validly elected the executive members yet, so no first executive meeting can be recorded."));

        var attempt = new ElectionAttempt(outcome.Stage, NextAttemptNumber(outcome.Stage), outcome);
        return Checked.Accept(new ElectionHistory([.. Attempts, attempt]));
    }
}
