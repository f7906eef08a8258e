using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Workflow.Engine.Execution;
using Workflow.Federation.Storage;
using Workflow.Persistence.Instances;
using Workflow.Persistence.Runtime;
using Workflow.Persistence.Storage;

namespace Workflow.Federation.FollowUps;

public sealed record FollowUpSync(int Started, int Cancelled, int Kept);

/// <summary>Starts and withdraws the workflow instances that carry a schedule's tasks, each exactly once by its key.</summary>
public sealed class FollowUpService(WorkflowRuntime runtime, InstanceQueries instances, IDbContextFactory<FederationDbContext> contexts, TimeProvider clock,
    ILogger<FollowUpService> log)
{
    /// <summary>
    /// Makes the follow-ups of <paramref name="subjectId"/> under <paramref name="prefix"/> the <paramref name="wanted"/> ones:
    /// starts those missing, cancels those still running that are no longer wanted, keeps the rest (finished ones stay as history).
    /// A wanted key without input is kept if it exists but not started (a handover whose moment has passed).
    /// </summary>
    public async Task<FollowUpSync> SyncAsync(Guid subjectId, string prefix, string definitionId, IReadOnlyDictionary<string, JsonObject?> wanted,
        string actor, string reason, CancellationToken cancellationToken)
    {
        var existing = await ListAsync(subjectId, prefix, cancellationToken);
        var statuses = await instances.StatusesAsync([.. existing.Select(f => f.InstanceId)], cancellationToken);
        var cancelled = 0;
        foreach (var stale in existing.Where(f => !wanted.ContainsKey(f.Key) && IsRunning(statuses, f.InstanceId)))
        {
            await runtime.CancelAsync(stale.InstanceId, actor, reason, cancellationToken);
            cancelled++;
        }
        var (started, kept) = (0, 0);
        foreach (var (key, input) in wanted)
        {
            var known = existing.FirstOrDefault(f => f.Key == key);
            if (known is not null && statuses.GetValueOrDefault(known.InstanceId) != InstanceStatus.Cancelled)
            {
                kept++;
                continue;
            }
            if (input is null) continue;
            // Wanted again after it was withdrawn (a swap undone, a meeting moved back): a fresh instance takes the key.
            if (known is not null) await ForgetAsync(known, cancellationToken);
            await EnsureAsync(subjectId, key, definitionId, input, actor, cancellationToken);
            started++;
        }
        return new FollowUpSync(started, cancelled, kept);
    }

    /// <summary>The instance for this key, started now if there is none.</summary>
    public async Task<Guid> EnsureAsync(Guid subjectId, string key, string definitionId, JsonObject input, string actor, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var known = await db.FollowUps.AsNoTracking().SingleOrDefaultAsync(f => f.SubjectId == subjectId && f.Key == key, cancellationToken);
        if (known is not null) return known.InstanceId;

        // A crash after the start and before the row leaves an instance under this correlation: adopt it rather than start another.
        var correlation = $"{subjectId:N}/{key}";
        var earlier = await instances.FindByCorrelationAsync(correlation, cancellationToken);
        var adoptable = earlier.Count > 0 && (await instances.StatusesAsync([earlier[^1]], cancellationToken)).GetValueOrDefault(earlier[^1]) != InstanceStatus.Cancelled;
        var instanceId = adoptable ? earlier[^1] : (await runtime.StartAsync(definitionId, input, correlation, actor, cancellationToken: cancellationToken)).InstanceId;
        db.FollowUps.Add(new FollowUpRow { SubjectId = subjectId, Key = key, InstanceId = instanceId, CreatedAt = clock.GetUtcNow() });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return instanceId;
        }
        catch (DbUpdateException conflict) when (StorageErrors.IsConflict(conflict))
        {
            // Another node started it at the same moment; the primary key decided which instance stands.
            await using var fresh = await contexts.CreateDbContextAsync(cancellationToken);
            var winner = await fresh.FollowUps.AsNoTracking().SingleAsync(f => f.SubjectId == subjectId && f.Key == key, cancellationToken);
            if (winner.InstanceId != instanceId && IsRunning(await instances.StatusesAsync([instanceId], cancellationToken), instanceId))
                await runtime.CancelAsync(instanceId, actor, "started twice; the other one stands", cancellationToken);
            log.LogInformation("Follow-up {Key} of {Subject} was started by another node", key, subjectId);
            return winner.InstanceId;
        }
    }

    public async Task<IReadOnlyList<FollowUpRow>> ListAsync(Guid subjectId, string prefix, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.FollowUps.AsNoTracking().Where(f => f.SubjectId == subjectId && f.Key.StartsWith(prefix)).OrderBy(f => f.Key).ToListAsync(cancellationToken);
    }

    /// <summary>The subjects that already have a follow-up under this exact key, for planners that sweep many subjects at once.</summary>
    public async Task<HashSet<Guid>> SubjectsWithAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return [.. await db.FollowUps.AsNoTracking().Where(f => keys.Contains(f.Key)).Select(f => f.SubjectId).ToListAsync(cancellationToken)];
    }

    private async Task ForgetAsync(FollowUpRow row, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.FollowUps.Where(f => f.SubjectId == row.SubjectId && f.Key == row.Key && f.InstanceId == row.InstanceId).ExecuteDeleteAsync(cancellationToken);
    }

    private static bool IsRunning(IReadOnlyDictionary<Guid, InstanceStatus> statuses, Guid instanceId) =>
        statuses.TryGetValue(instanceId, out var status) && status is not (InstanceStatus.Finished or InstanceStatus.Cancelled);
}
