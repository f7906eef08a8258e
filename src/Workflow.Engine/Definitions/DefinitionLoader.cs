namespace Workflow.Engine.Definitions;

/// <summary>Turns definition JSON into a validated <see cref="WorkflowDefinition"/>, or refuses it with every reason and its place.</summary>
public sealed class DefinitionLoader(ActionRegistry actions)
{
    public static IReadOnlyList<string> ActivityTypes => DefinitionParser.ActivityTypes;

    /// <exception cref="DefinitionException">The JSON is not a valid definition.</exception>
    public WorkflowDefinition Load(string json, string source, int version = 0)
    {
        var (id, name, activities, errors) = new DefinitionParser().Parse(json);
        if (errors.Count == 0) errors = new DefinitionValidator(activities, actions.Contains).Validate();
        if (errors.Count > 0) throw new DefinitionException(source, errors);
        return new WorkflowDefinition(id, version, name, activities);
    }
}
