using System.Text.Json.Nodes;

namespace Workflow.Engine.Definitions;

/// <summary>
/// The roles and approver kinds that tasks and notifications may be assigned to. The engine knows no roles of its own: the
/// host passes its vocabulary (this product reads it from <c>workflows/schema.json</c>), so a misspelt role is refused at load
/// instead of opening a task that no inbox shows. A null list accepts any non-empty name.
/// </summary>
public sealed record AssignmentVocabulary(IReadOnlyList<string>? Roles, IReadOnlyList<string>? ApproverKinds)
{
    public static AssignmentVocabulary Open { get; } = new(null, null);

    /// <summary>The <c>enum</c>s of <c>$defs.assignment.properties.role</c> and <c>.approverKind</c> in a definition JSON Schema.</summary>
    /// <exception cref="System.Text.Json.JsonException">The schema is not JSON.</exception>
    public static AssignmentVocabulary FromSchema(string schemaJson)
    {
        var assignment = JsonNode.Parse(schemaJson)?["$defs"]?["assignment"]?["properties"];
        return new AssignmentVocabulary(Names(assignment?["role"]), Names(assignment?["approverKind"]));
    }

    private static List<string>? Names(JsonNode? property) =>
        property?["enum"] is JsonArray names ? [.. names.Select(n => n!.GetValue<string>())] : null;
}
