namespace Workflow.Federation.Registry;

/// <summary>
/// A body's leaders by term. Re-election (换届) keeps the outgoing leaders with their term closed and adds the elected with
/// a later term start, so the leaders in office are those of the latest term start, and the others are the body's earlier terms.
/// </summary>
public static class LeaderTerms
{
    public static IEnumerable<BodyLeaderRow> Current(IReadOnlyCollection<BodyLeaderRow> leaders)
    {
        if (leaders.Count == 0) return [];
        var latest = leaders.Max(l => l.TermStart);
        return leaders.Where(l => l.TermStart == latest);
    }

    /// <summary>Every term, oldest first, with its leaders in their order.</summary>
    public static IEnumerable<IGrouping<DateOnly, BodyLeaderRow>> All(IEnumerable<BodyLeaderRow> leaders) =>
        leaders.OrderBy(l => l.TermStart).ThenBy(l => l.Order).GroupBy(l => l.TermStart);
}
