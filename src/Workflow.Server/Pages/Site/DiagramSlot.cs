namespace Workflow.Server.Pages.Site;

/// <summary>
/// Where a page shows the workflow diagram of an instance: the definition version it runs and the instance whose progress
/// is marked. Rendered by <c>Pages/Shared/_DiagramSlot.cshtml</c>; the diagram feature (<c>src/Workflow.Server/Diagrams/</c>)
/// fills that partial with its SVG.
/// </summary>
public sealed record DiagramSlot(string DefinitionId, int Version, Guid InstanceId);
