namespace Workflow.Federation.Founding;

/// <summary>How <c>workflows/founding.json</c> ends (its end activities' outcomes).</summary>
public static class FoundingOutcomes
{
    public const string Founded = "founded";
    public const string Rejected = "rejected";
    public const string Withdrawn = "withdrawn";
}
