using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Workflow.Engine;
using Workflow.Engine.Execution;
using Workflow.Engine.Journal;
using Workflow.Persistence.Runtime;
using Workflow.Persistence.Storage;

namespace Workflow.Persistence.Instances;

/// <summary>Reads instances, their journals and open incidents; checks journal chains.</summary>
public sealed class InstanceQueries(IDbContextFactory<WorkflowDbContext> contexts, JournalKey journalKey)
{
    public async Task<InstanceView> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.Instances.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, cancellationToken)
            ?? throw new WorkflowException(WorkflowError.InstanceNotFound, $"no instance {id}");
        var bookmarks = await db.Bookmarks.AsNoTracking().Where(b => b.InstanceId == id).OrderBy(b => b.CreatedAt).ToListAsync(cancellationToken);
        var incidents = await db.Incidents.AsNoTracking().Where(i => i.InstanceId == id).OrderBy(i => i.CreatedAt).ToListAsync(cancellationToken);
        var state = InstanceState.FromJson(row.State);
        return new InstanceView(row.Id, row.DefinitionId, row.DefinitionVersion, row.CorrelationId, row.Status, row.Result, state.Variables, state.Input,
            [.. bookmarks.Select(b => b.ToModel())],
            [.. incidents.Select(i => new IncidentView(i.Id, i.InstanceId, i.ActivityId, i.Message, i.CreatedAt, i.ResolvedAt, i.ResolvedBy))],
            row.ParentInstanceId, row.CreatedAt, row.UpdatedAt);
    }

    /// <summary>The status of each of these instances that exists, in one query.</summary>
    public async Task<IReadOnlyDictionary<Guid, InstanceStatus>> StatusesAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Instances.AsNoTracking().Where(i => ids.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.Status, cancellationToken);
    }

    /// <summary>
    /// Where each of these instances stands (status, result, the activities it waits at), in a few queries for a whole list. An instance
    /// waiting for a child workflow waits at the child's activities: people know the step they act on, not the call that holds it.
    /// </summary>
    public async Task<IReadOnlyDictionary<Guid, InstanceProgress>> ProgressAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Instances.AsNoTracking().Where(i => ids.Contains(i.Id)).Select(i => new { i.Id, i.Status, i.Result }).ToListAsync(cancellationToken);
        var waiting = new Dictionary<Guid, List<string>>();
        var owners = rows.ToDictionary(r => r.Id, r => r.Id);
        for (var depth = 0; owners.Count > 0 && depth < MaxChildDepth; depth++)
        {
            var level = owners.Keys.ToList();
            var bookmarks = await db.Bookmarks.AsNoTracking().Where(b => level.Contains(b.InstanceId)).OrderBy(b => b.CreatedAt)
                .Select(b => new { b.InstanceId, b.ActivityId, b.ChildInstanceId }).ToListAsync(cancellationToken);
            var next = new Dictionary<Guid, Guid>();
            foreach (var b in bookmarks)
            {
                if (b.ChildInstanceId is { } child) next[child] = owners[b.InstanceId];
                else (waiting.TryGetValue(owners[b.InstanceId], out var list) ? list : waiting[owners[b.InstanceId]] = []).Add(b.ActivityId);
            }
            owners = next;
        }
        return rows.ToDictionary(r => r.Id, r => new InstanceProgress(r.Status, r.Result, waiting.GetValueOrDefault(r.Id) ?? []));
    }

    /// <summary>Bounds the walk down a chain of child workflows; the definitions in <c>workflows/</c> nest one deep.</summary>
    private const int MaxChildDepth = 8;

    /// <summary>
    /// The instance and every child workflow it started, directly or through a child, oldest first: one request's whole story, whose
    /// decisions and open tasks are told together.
    /// </summary>
    public async Task<IReadOnlyList<InstanceView>> FamilyAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var family = new List<InstanceView> { await GetAsync(id, cancellationToken) };
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        List<Guid> parents = [id];
        for (var depth = 0; parents.Count > 0 && depth < MaxChildDepth; depth++)
        {
            var level = parents;
            parents = await db.Instances.AsNoTracking().Where(i => i.ParentInstanceId != null && level.Contains(i.ParentInstanceId.Value))
                .OrderBy(i => i.CreatedAt).Select(i => i.Id).ToListAsync(cancellationToken);
            foreach (var child in parents) family.Add(await GetAsync(child, cancellationToken));
        }
        return [.. family.OrderBy(i => i.CreatedAt)];
    }

    /// <summary>The instance a child workflow was started by, walked up to the first that none started; the instance itself when it is no child.</summary>
    public async Task<Guid> RootAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        for (var depth = 0; depth < MaxChildDepth; depth++)
        {
            var parent = await db.Instances.AsNoTracking().Where(i => i.Id == id).Select(i => i.ParentInstanceId).FirstOrDefaultAsync(cancellationToken);
            if (parent is not { } up) return id;
            id = up;
        }
        return id;
    }

    public async Task<IReadOnlyList<Guid>> FindByCorrelationAsync(string correlationId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Instances.AsNoTracking().Where(i => i.CorrelationId == correlationId).OrderBy(i => i.CreatedAt).Select(i => i.Id).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<JournalEntry>> JournalAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.Instances.AnyAsync(i => i.Id == id, cancellationToken)) throw new WorkflowException(WorkflowError.InstanceNotFound, $"no instance {id}");
        return await db.Journal.AsNoTracking().Where(j => j.InstanceId == id).OrderBy(j => j.Sequence)
            .Select(j => new JournalEntry(j.Sequence, j.At, j.Actor, j.Kind, j.ActivityId, j.Outcome, j.BookmarkId, j.Data, j.Hash))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Recomputes the chain: every row's hash, its link to the previous row, no gaps, and the head the instance recorded.</summary>
    public async Task<JournalVerification> VerifyJournalAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var instance = await db.Instances.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, cancellationToken)
            ?? throw new WorkflowException(WorkflowError.InstanceNotFound, $"no instance {id}");
        var rows = await db.Journal.AsNoTracking().Where(j => j.InstanceId == id).OrderBy(j => j.Sequence).ToListAsync(cancellationToken);
        return Verify(instance, rows, journalKey);
    }

    /// <summary>
    /// Every instance's chain, as <see cref="VerifyJournalAsync"/> checks one: for an operator's check of a whole database (a copy
    /// to another store, a restore). Reads instances a page at a time with their journal rows, so memory stays bounded.
    /// </summary>
    public async IAsyncEnumerable<JournalVerification> VerifyAllJournalsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        const int page = 500;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        for (var skip = 0; ; skip += page)
        {
            var instances = await db.Instances.AsNoTracking().OrderBy(i => i.CreatedAt).ThenBy(i => i.Id).Skip(skip).Take(page).ToListAsync(cancellationToken);
            if (instances.Count == 0) yield break;
            var ids = instances.Select(i => i.Id).ToList();
            var journals = (await db.Journal.AsNoTracking().Where(j => ids.Contains(j.InstanceId)).ToListAsync(cancellationToken))
                .ToLookup(j => j.InstanceId);
            foreach (var instance in instances) yield return Verify(instance, [.. journals[instance.Id].OrderBy(j => j.Sequence)], journalKey);
        }
    }

    internal const string Damaged = "the entry was changed or damaged";
    internal const string Forged = "the journal was rewritten by someone without the key";

    /// <remarks>
    /// A row whose hash does not match its content, a broken link or a missing row is damage: an accident, or a change by
    /// someone who did not even recompute the chain. A chain whose hashes all agree but whose seal does not is forged: only
    /// someone without the key recomputes hashes and cannot seal them. Rows written before the journal was keyed carry no
    /// seal and are checked by hash only; once a chain has a sealed row, an unsealed row after it is forged.
    /// </remarks>
    internal static JournalVerification Verify(InstanceRow instance, IReadOnlyList<JournalRow> rows, JournalKey key)
    {
        var previous = JournalHasher.Genesis;
        var unsealed = 0L;
        var sealedBefore = false;
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var expected = i + 1;
            string? damage = row.Sequence != expected ? $"row {expected} is missing: {Damaged}"
                : row.PreviousHash != previous ? $"does not link to the row before it: {Damaged}"
                : JournalHasher.Hash(previous, instance.Id, row.Sequence, row.ToRecord()) != row.Hash ? $"its content does not match its hash: {Damaged}"
                : null;
            if (damage is not null) return new JournalVerification(instance.Id, false, rows.Count, expected, damage, JournalFinding.Damaged, unsealed, key.IsSet);
            string? forgery = !key.IsSet ? null
                : row.Seal is null ? (sealedBefore ? $"its hash is consistent but it has no seal after sealed rows: {Forged}" : null)
                : !key.Verifies(row.Hash, row.Seal) ? $"its hash is consistent but its seal does not match: {Forged}"
                : null;
            if (forgery is not null) return new JournalVerification(instance.Id, false, rows.Count, expected, forgery, JournalFinding.Forged, unsealed, true);
            if (row.Seal is null) unsealed++;
            else sealedBefore = true;
            previous = row.Hash;
        }
        if (rows.Count != instance.JournalLength || previous != instance.JournalHead)
            return new JournalVerification(instance.Id, false, rows.Count, rows.Count + 1,
                $"the instance records {instance.JournalLength} rows ending in another hash: rows were removed from the end", JournalFinding.Damaged, unsealed, key.IsSet);
        return new JournalVerification(instance.Id, true, rows.Count, null, null, JournalFinding.Intact, unsealed, key.IsSet);
    }
}

public sealed record InstanceProgress(InstanceStatus Status, string? Result, IReadOnlyList<string> WaitingAt);
