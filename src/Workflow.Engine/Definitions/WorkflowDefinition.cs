namespace Workflow.Engine.Definitions;

/// <summary>A validated, versioned flowchart. Instances keep the version they started on.</summary>
public sealed record WorkflowDefinition
{
    private readonly Dictionary<string, ActivityDefinition> _byId;

    public WorkflowDefinition(string id, int version, string name, IReadOnlyList<ActivityDefinition> activities)
    {
        Id = id;
        Version = version;
        Name = name;
        Activities = activities;
        _byId = activities.GroupBy(a => a.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
    }

    public string Id { get; }
    public int Version { get; init; }
    public string Name { get; }
    public IReadOnlyList<ActivityDefinition> Activities { get; }

    public StartActivity Start => Activities.OfType<StartActivity>().First();

    public ActivityDefinition Activity(string id) =>
        _byId.TryGetValue(id, out var activity) ? activity : throw new WorkflowException(WorkflowError.DefinitionInvalid, $"no activity '{id}' in {Id} v{Version}");

    public bool TryGetActivity(string id, out ActivityDefinition activity) => _byId.TryGetValue(id, out activity!);
}
