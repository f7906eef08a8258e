using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Workflow.Engine;
using Workflow.Engine.Definitions;
using Workflow.Engine.Execution;
using Workflow.Persistence.Storage;

namespace Workflow.Persistence.Definitions;

public sealed record PublishedDefinition(string DefinitionId, int Version, string Name, bool IsNew, DateTimeOffset PublishedAt);

/// <summary>
/// A stored version that no longer loads with what this process has (an action handler taken away, a role gone from the
/// vocabulary), how many instances that have not ended are pinned to it, and whether new starts would use it.
/// </summary>
public sealed record BrokenVersion(string DefinitionId, int Version, bool IsLatest, int UnfinishedInstances, IReadOnlyList<DefinitionError> Errors);

/// <summary>Publishes definitions as immutable versions and serves them, cached, to the runtime.</summary>
public sealed class DefinitionStore(IDbContextFactory<WorkflowDbContext> contexts, DefinitionLoader loader, WriteGate gate, TimeProvider clock)
{
    private readonly ConcurrentDictionary<(string, int), WorkflowDefinition> _cache = new();

    /// <summary>Validates and stores <paramref name="json"/> as the next version, unless it equals the latest one.</summary>
    /// <exception cref="DefinitionException">The definition is invalid; nothing is stored.</exception>
    public async Task<PublishedDefinition> PublishAsync(string json, string source, string publishedBy, CancellationToken cancellationToken = default)
    {
        var definition = loader.Load(json, source);
        var canonical = JsonNode.Parse(json, documentOptions: new() { CommentHandling = System.Text.Json.JsonCommentHandling.Skip, AllowTrailingCommas = true })!.ToJsonString(EngineJson.Options);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
        using var _ = await gate.EnterAsync(cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var latest = await db.Definitions.AsNoTracking().Where(d => d.DefinitionId == definition.Id)
            .OrderByDescending(d => d.Version).FirstOrDefaultAsync(cancellationToken);
        if (latest is not null && latest.ContentHash == hash)
            return new PublishedDefinition(latest.DefinitionId, latest.Version, latest.Name, false, latest.PublishedAt);
        var row = new DefinitionRow
        {
            DefinitionId = definition.Id, Version = (latest?.Version ?? 0) + 1, Name = definition.Name, Json = canonical,
            ContentHash = hash, PublishedAt = clock.GetUtcNow(), PublishedBy = publishedBy,
        };
        db.Definitions.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        _cache[(row.DefinitionId, row.Version)] = definition with { Version = row.Version };
        return new PublishedDefinition(row.DefinitionId, row.Version, row.Name, true, row.PublishedAt);
    }

    /// <summary>Publishes every <c>*.json</c> in <paramref name="directory"/> except the schema; all are validated before any is stored.</summary>
    public async Task<IReadOnlyList<PublishedDefinition>> PublishDirectoryAsync(string directory, string publishedBy, CancellationToken cancellationToken = default)
    {
        var files = Directory.GetFiles(directory, "*.json").Where(f => Path.GetFileName(f) != "schema.json").Order(StringComparer.Ordinal).ToList();
        var texts = new List<(string Path, string Json)>();
        var errors = new List<DefinitionError>();
        foreach (var file in files)
        {
            var json = await File.ReadAllTextAsync(file, cancellationToken);
            try
            {
                loader.Load(json, Path.GetFileName(file));
                texts.Add((file, json));
            }
            catch (DefinitionException ex)
            {
                errors.AddRange(ex.Errors.Select(e => e with { Path = $"{Path.GetFileName(file)}#{e.Path}" }));
            }
        }
        if (errors.Count > 0) throw new DefinitionException(directory, errors);
        var published = new List<PublishedDefinition>();
        foreach (var (path, json) in texts) published.Add(await PublishAsync(json, Path.GetFileName(path), publishedBy, cancellationToken));
        return published;
    }

    /// <summary>A given version, or the latest when <paramref name="version"/> is null.</summary>
    public async Task<WorkflowDefinition> GetAsync(string definitionId, int? version = null, CancellationToken cancellationToken = default)
    {
        if (version is { } v && _cache.TryGetValue((definitionId, v), out var cached)) return cached;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.Definitions.AsNoTracking().Where(d => d.DefinitionId == definitionId);
        var row = version is { } exact
            ? await query.FirstOrDefaultAsync(d => d.Version == exact, cancellationToken)
            : await query.OrderByDescending(d => d.Version).FirstOrDefaultAsync(cancellationToken);
        if (row is null)
            throw new WorkflowException(WorkflowError.DefinitionNotFound, version is null ? $"no workflow '{definitionId}'" : $"no workflow '{definitionId}' version {version}");
        return _cache.GetOrAdd((row.DefinitionId, row.Version), _ => loader.Load(row.Json, $"{row.DefinitionId} v{row.Version}", row.Version));
    }

    /// <summary>
    /// Loads every stored version again, as the runtime will when an instance on it takes its next step, and returns those
    /// that fail. The ones that load stay cached.
    /// </summary>
    public async Task<IReadOnlyList<BrokenVersion>> FindBrokenVersionsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Definitions.AsNoTracking().OrderBy(d => d.DefinitionId).ThenBy(d => d.Version).ToListAsync(cancellationToken);
        var failing = new List<(DefinitionRow Row, IReadOnlyList<DefinitionError> Errors)>();
        foreach (var row in rows)
        {
            try
            {
                _cache.GetOrAdd((row.DefinitionId, row.Version), _ => loader.Load(row.Json, $"{row.DefinitionId} v{row.Version}", row.Version));
            }
            catch (DefinitionException ex)
            {
                failing.Add((row, ex.Errors));
            }
        }
        if (failing.Count == 0) return [];
        var ids = failing.Select(f => f.Row.DefinitionId).Distinct().ToList();
        var unfinished = (await db.Instances.AsNoTracking()
            .Where(i => ids.Contains(i.DefinitionId) && i.Status != InstanceStatus.Finished && i.Status != InstanceStatus.Cancelled)
            .GroupBy(i => new { i.DefinitionId, i.DefinitionVersion })
            .Select(g => new { g.Key.DefinitionId, g.Key.DefinitionVersion, Count = g.Count() })
            .ToListAsync(cancellationToken))
            .ToDictionary(c => (c.DefinitionId, c.DefinitionVersion), c => c.Count);
        var latest = rows.GroupBy(r => r.DefinitionId).ToDictionary(g => g.Key, g => g.Max(r => r.Version));
        return [.. failing.Select(f => new BrokenVersion(f.Row.DefinitionId, f.Row.Version, latest[f.Row.DefinitionId] == f.Row.Version,
            unfinished.GetValueOrDefault((f.Row.DefinitionId, f.Row.Version)), f.Errors))];
    }

    public async Task<IReadOnlyList<PublishedDefinition>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Definitions.AsNoTracking().OrderBy(d => d.DefinitionId).ThenBy(d => d.Version)
            .Select(d => new PublishedDefinition(d.DefinitionId, d.Version, d.Name, false, d.PublishedAt))
            .ToListAsync(cancellationToken);
    }
}
