namespace Workflow.Engine.Expressions;

/// <summary>Sandbox limits for one expression evaluation.</summary>
public sealed record ExpressionLimits
{
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMilliseconds(200);
    public long MemoryBytes { get; init; } = 8 * 1024 * 1024;
    public int Recursion { get; init; } = 64;
    public int Statements { get; init; } = 10_000;
}
