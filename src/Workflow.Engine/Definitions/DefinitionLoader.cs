namespace Workflow.Engine.Definitions;

/// <summary>Turns definition JSON into a validated <see cref="WorkflowDefinition"/>, or refuses it with every reason and its place.</summary>
/// <param name="vocabulary">The roles and approver kinds assignments may name; any, when not given.</param>
public sealed class DefinitionLoader(ActionRegistry actions, AssignmentVocabulary? vocabulary = null)
{
    public static IReadOnlyList<string> ActivityTypes => DefinitionParser.ActivityTypes;

    /// <exception cref="DefinitionException">The JSON is not a valid definition.</exception>
    public WorkflowDefinition Load(string json, string source, int version = 0)
    {
        var (id, name, activities, errors) = new DefinitionParser(vocabulary ?? AssignmentVocabulary.Open).Parse(json);
        if (errors.Count == 0) errors = new DefinitionValidator(activities, actions.Contains).Validate();
        if (errors.Count > 0) throw new DefinitionException(source, errors);
        return new WorkflowDefinition(id, version, name, activities);
    }
}
