using Workflow.Federation.Elections;
using Workflow.Federation.Founding;
using Workflow.Server.Pages.Site;

namespace Workflow.Server.Pages.Elections;

/// <summary>How the election page words a count and the election rules, each rule a sentence a person can check against the document.</summary>
public static class ElectionWords
{
    public static string Status(ElectionStatus status) => status switch
    {
        ElectionStatus.Valid => Text.CountValid,
        ElectionStatus.Undecided => Text.CountUndecided,
        ElectionStatus.Failed => Text.CountFailed,
        _ => Text.CountRejected,
    };

    public static string Role(ElectedRole role) => role switch
    {
        ElectedRole.Chair => Text.RoleChair,
        ElectedRole.ViceChair => Text.ElectedViceChair,
        _ => Text.ElectedExecutive,
    };

    public static string Say(Explanation explanation) => Phrase.IsEnglish ? explanation.English : explanation.Chinese;

    public static string Gender(Gender gender) => gender == Federation.Elections.Gender.Female ? Text.GenderFemale : Text.GenderMale;

    public static string Nominated(Nomination nomination) => nomination switch
    {
        Nomination.Chair => Text.RoleChair,
        Nomination.ViceChair => Text.ElectedViceChair,
        _ => Text.NominationExecutive,
    };

    public static string Political(PoliticalStatus status) => Phrase.IsEnglish ? status.ToString() : status.ChineseName();

    public static string Schooling(Education education) => Phrase.IsEnglish ? education.ToString() : education.ChineseName();

    /// <summary>Every number of the election rules in its own sentence: seats, 差额, quorum, majorities, rounds.</summary>
    public static IReadOnlyList<(string Id, string Sentence)> Rules(CandidateSlate slate, ElectionProcedure procedure)
    {
        var candidates = slate.ExecutiveCandidates.Count;
        return
        [
            ("rule-seats", Text.RuleSeats.Format(slate.ExecutiveSeats, candidates, candidates - slate.ExecutiveSeats)),
            ("rule-margin", Text.RuleMargin.Format(procedure.ExecutiveMargin, slate.ExecutiveSeats + procedure.ExecutiveMargin)),
            ("rule-leaders", Text.RuleLeaders.Format(slate.ViceChairSeats)),
            ("rule-quorum", procedure.Quorum switch
            {
                Quorum.MoreThanTwoThirds => Text.RuleQuorumTwoThirds,
                Quorum.TwoThirdsOrMore => Text.RuleQuorumTwoThirdsOrMore,
                _ => Text.RuleQuorumHalf,
            }),
            ("rule-majority", procedure.MajorityBasis == MajorityBasis.OfBallotsReturned ? Text.RuleMajorityReturned : Text.RuleMajorityDue),
            ("rule-leader-majority", Text.RuleLeaderMajority),
            ("rule-rounds", Text.RuleRounds.Format(ElectionProcedure.MaxRounds)),
        ];
    }

    public static string Figure(string name) => name switch
    {
        nameof(RoundForm.Due) => Text.FigureDue,
        nameof(RoundForm.Present) => Text.FigurePresent,
        nameof(RoundForm.BallotsIssued) => Text.FigureIssued,
        nameof(RoundForm.BallotsReturned) => Text.FigureReturned,
        _ => Text.FigureInvalid,
    };

    public static string Contest(Contest contest, CandidateSlate slate) =>
        Text.ContestLine.Format(Role(contest.Role), contest.Seats, string.Join(Text.ListSeparator, contest.CandidateIds.Select(slate.NameOf)));

    public static string Attempt(ElectionAttemptView attempt) =>
        Text.ElectionRecorded.Format(Foundings.FoundingWords.Stage(attempt.Stage), attempt.Number, Status(attempt.Status));
}
