namespace Workflow.Engine.Definitions;

/// <summary>One reason a definition is refused, at a JSON path such as <c>activities[4].next.approve</c>.</summary>
public sealed record DefinitionError(string Path, string Message)
{
    public override string ToString() => Path.Length == 0 ? Message : $"{Path}: {Message}";
}

public sealed class DefinitionException(string source, IReadOnlyList<DefinitionError> errors)
    : WorkflowException(WorkflowError.DefinitionInvalid, $"{source} is not a valid workflow definition:\n  " + string.Join("\n  ", errors))
{
    public IReadOnlyList<DefinitionError> Errors { get; } = errors;
}
