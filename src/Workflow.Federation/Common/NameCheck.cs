namespace Workflow.Federation.Common;

/// <summary>
/// The one check for every field where people type a name: of a person, organization, body, group or place. Garbled
/// text (乱码, see <see cref="GarbledText"/>) is refused with the field named, before it is stored and copied into
/// registries, rosters and notices. Rare characters GB 18030 holds (𠮷, 䶮) are names, not garble.
/// </summary>
public static class NameCheck
{
    public static FieldProblem? Problem(string field, string? name) =>
        GarbledText.Find(name) is { } garbled ? new FieldProblem(field, garbled) : null;

    /// <summary>Throws a <see cref="FederationValidationException"/> naming every garbled field at once.</summary>
    public static void Require(params (string Field, string? Name)[] names)
    {
        var problems = names.Select(n => Problem(n.Field, n.Name)).OfType<FieldProblem>().ToList();
        if (problems.Count > 0) throw new FederationValidationException(problems);
    }
}
