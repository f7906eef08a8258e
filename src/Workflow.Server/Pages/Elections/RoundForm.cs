using Workflow.Federation.Elections;
using Workflow.Federation.Founding;

namespace Workflow.Server.Pages.Elections;

/// <summary>
/// One round as the officer types it from the counting committee's record: the figures, and the votes of the candidates this
/// round votes for (carried in the form, so a posted-back second round keeps its own candidates). Blank figures stay null so
/// the page can say which field is missing rather than count a zero nobody entered.
/// </summary>
public sealed class RoundForm
{
    public int? Due { get; set; }
    public int? Present { get; set; }
    public int? BallotsIssued { get; set; }
    public int? BallotsReturned { get; set; }
    public int? InvalidBallots { get; set; }
    public List<string> Candidates { get; set; } = [];
    public Dictionary<string, int?> Votes { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The figures a record needs, by their form name, for the page to label and check.</summary>
    public static readonly string[] Figures = [nameof(Due), nameof(Present), nameof(BallotsIssued), nameof(BallotsReturned), nameof(InvalidBallots)];

    public int? Figure(string name) => name switch
    {
        nameof(Due) => Due,
        nameof(Present) => Present,
        nameof(BallotsIssued) => BallotsIssued,
        nameof(BallotsReturned) => BallotsReturned,
        _ => InvalidBallots,
    };

    /// <summary>A round for the given candidates; the people due stay those of the round before, since it is the same meeting.</summary>
    public static RoundForm For(IEnumerable<string> candidates, int? due = null) => new() { Candidates = [.. candidates.Distinct()], Due = due };

    public RoundInput ToInput() => new(Due ?? 0, Present ?? 0, BallotsIssued ?? 0, BallotsReturned ?? 0, InvalidBallots ?? 0,
        Candidates.ToDictionary(c => c, c => Votes.GetValueOrDefault(c) ?? 0, StringComparer.Ordinal));

    /// <summary>The candidates a meeting's first round votes for: every executive candidate at the congress, the nominees at the first executive meeting.</summary>
    public static IEnumerable<string> FirstRoundCandidates(CandidateSlate slate, ElectionStage stage) => stage == ElectionStage.Congress
        ? slate.ExecutiveCandidates.Select(c => c.Id)
        : slate.Leadership.ChairCandidateIds.Concat(slate.Leadership.ViceChairCandidateIds);
}
