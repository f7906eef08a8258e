using Microsoft.EntityFrameworkCore;
using Workflow.Engine.Execution;
using Workflow.Persistence.Storage;

namespace Workflow.Server.Engine;

/// <summary>A published version and how many instances that have not ended are pinned to it (a running instance keeps its version).</summary>
public sealed record DefinitionVersionSummary(string DefinitionId, int Version, string Name, string ContentHash, DateTimeOffset PublishedAt, string PublishedBy, int RunningInstances);

/// <summary>The published definitions as an admin reviews them: every version, newest first, with the instances still on it.</summary>
public sealed class DefinitionCatalog(IDbContextFactory<WorkflowDbContext> contexts)
{
    public async Task<IReadOnlyList<DefinitionVersionSummary>> VersionsAsync(string? definitionId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var definitions = db.Definitions.AsNoTracking();
        var instances = db.Instances.AsNoTracking().Where(i => i.Status != InstanceStatus.Finished && i.Status != InstanceStatus.Cancelled);
        if (definitionId is not null)
        {
            definitions = definitions.Where(d => d.DefinitionId == definitionId);
            instances = instances.Where(i => i.DefinitionId == definitionId);
        }
        var running = (await instances.GroupBy(i => new { i.DefinitionId, i.DefinitionVersion })
                .Select(g => new { g.Key.DefinitionId, g.Key.DefinitionVersion, Count = g.Count() }).ToListAsync(cancellationToken))
            .ToDictionary(c => (c.DefinitionId, c.DefinitionVersion), c => c.Count);
        var rows = await definitions.OrderBy(d => d.DefinitionId).ThenByDescending(d => d.Version)
            .Select(d => new { d.DefinitionId, d.Version, d.Name, d.ContentHash, d.PublishedAt, d.PublishedBy }).ToListAsync(cancellationToken);
        return [.. rows.Select(d => new DefinitionVersionSummary(d.DefinitionId, d.Version, d.Name, d.ContentHash, d.PublishedAt, d.PublishedBy,
            running.GetValueOrDefault((d.DefinitionId, d.Version))))];
    }
}
