namespace Workflow.Server.Problems;

/// <summary>Problem <c>type</c> URIs are stable per error so clients can switch on them; docs/api.md lists them.</summary>
public static class ProblemTypes
{
    public const string Prefix = "urn:workflow:problem:";

    public static string For(string code) => Prefix + code;
}
