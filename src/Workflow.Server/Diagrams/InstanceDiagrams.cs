using System.Globalization;
using Workflow.Persistence.Definitions;
using Workflow.Persistence.Instances;
using Workflow.Server.Accounts;
using Workflow.Server.Engine;

namespace Workflow.Server.Diagrams;

/// <summary>An instance's diagram: its definition version with the path it took and where it waits now.</summary>
public sealed class InstanceDiagrams(WorkflowDiagram diagram, InstanceService instances, InstanceQueries queries, DefinitionStore definitions)
{
    /// <summary>Reads the instance through <see cref="InstanceService"/>, so the caller's region is checked as for the instance itself.</summary>
    /// <exception cref="RefusalException">NotFound when the instance does not exist or lies outside the caller's region.</exception>
    public async Task<string> RenderAsync(Caller caller, Guid instanceId, CultureInfo? culture, CancellationToken cancellationToken) =>
        (await DrawAsync(caller, instanceId, culture, cancellationToken)).Svg;

    /// <inheritdoc cref="RenderAsync"/>
    public async Task<DrawnDiagram> DrawAsync(Caller caller, Guid instanceId, CultureInfo? culture, CancellationToken cancellationToken)
    {
        var instance = await instances.GetAsync(caller, instanceId, cancellationToken);
        var journal = await queries.JournalAsync(instanceId, cancellationToken);
        var definition = await definitions.GetAsync(instance.DefinitionId, instance.DefinitionVersion, cancellationToken);
        return diagram.Draw(definition, DiagramProgress.Of(definition, instance, journal), culture);
    }
}
