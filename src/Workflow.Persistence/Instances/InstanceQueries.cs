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

    /// <summary>Where each of these instances stands (status, result, the activities it waits at), in two queries for a whole list.</summary>
    public async Task<IReadOnlyDictionary<Guid, InstanceProgress>> ProgressAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Instances.AsNoTracking().Where(i => ids.Contains(i.Id)).Select(i => new { i.Id, i.Status, i.Result }).ToListAsync(cancellationToken);
        var waiting = (await db.Bookmarks.AsNoTracking().Where(b => ids.Contains(b.InstanceId)).OrderBy(b => b.CreatedAt).Select(b => new { b.InstanceId, b.ActivityId })
            .ToListAsync(cancellationToken)).ToLookup(b => b.InstanceId, b => b.ActivityId);
        return rows.ToDictionary(r => r.Id, r => new InstanceProgress(r.Status, r.Result, [.. waiting[r.Id]]));
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
