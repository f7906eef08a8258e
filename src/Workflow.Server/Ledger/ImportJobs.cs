using System.Collections.Concurrent;
using System.Text.Json;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Workflow.Federation.Common;
using Workflow.Federation.Import;
using Workflow.Persistence.Storage;
using Workflow.Server.Storage;

namespace Workflow.Server.Ledger;

/// <summary>What an officer asked to import (or to check, for a dry run too large to answer inside the request).</summary>
public sealed record ImportOrder(string Owner, Guid Campaign, string CampaignRegion, Guid Upload, string FileName, bool DryRun,
    IReadOnlyDictionary<string, string> Mapping, int? ExpectedRows);

/// <summary>Where an import job stands: rows read so far (of about <see cref="ExpectedRows"/>, when the file says), then its report or why it failed.</summary>
public sealed record ImportRun(Guid Id, Guid Campaign, Guid Upload, string FileName, bool DryRun, IReadOnlyDictionary<string, string> Mapping,
    int RowsRead, int? ExpectedRows, ImportReport? Report, CodedMessage? Failure)
{
    public bool Running => Report is null && Failure is null;
    public bool Failed => Failure is not null;
}

/// <summary>
/// Imports run as jobs, off the request, so that a 100,000-row file does not hold the officer's page (or a proxy's timeout):
/// the page starts one, then shows its progress until the report is in. The job's state, progress and report live in the
/// database, so any node serves the progress page and any node's job server may run the job (docs/operations.md).
/// </summary>
public sealed class ImportJobs(IDbContextFactory<ServiceDbContext> contexts, IBackgroundJobClient jobs, WorkflowStorage storage, TimeProvider clock)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    // On SQLite the import's own transaction holds the file's one write lock for most of its length, so progress cannot be
    // written beside it: the one node keeps it in memory instead. On PostgreSQL it is written, and every node reads it.
    private readonly ConcurrentDictionary<Guid, int> _progress = new();

    internal bool StoresProgress => storage.Provider == StorageProvider.PostgreSql;

    public async Task<Guid> StartAsync(ImportOrder order, CancellationToken cancellationToken)
    {
        var id = Guid.CreateVersion7(clock.GetUtcNow());
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            db.ImportJobs.Add(new ImportJobRow
            {
                Id = id, Owner = order.Owner, CampaignId = order.Campaign, CampaignRegion = order.CampaignRegion, Upload = order.Upload, FileName = order.FileName,
                DryRun = order.DryRun, Mapping = JsonSerializer.Serialize(order.Mapping, Json), ExpectedRows = order.ExpectedRows, CreatedAt = clock.GetUtcNow(),
            });
            await db.SaveChangesAsync(cancellationToken);
        }
        Enqueue(id);
        return id;
    }

    /// <summary>The run, or null when it is unknown or someone else's.</summary>
    public async Task<ImportRun?> GetAsync(Guid id, string owner, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.ImportJobs.AsNoTracking().SingleOrDefaultAsync(j => j.Id == id && j.Owner == owner, cancellationToken);
        if (row is null) return null;
        var rows = row.State == ImportJobState.Running && _progress.TryGetValue(id, out var read) ? Math.Max(read, row.RowsRead) : row.RowsRead;
        return new ImportRun(row.Id, row.CampaignId, row.Upload, row.FileName, row.DryRun, JsonSerializer.Deserialize<Dictionary<string, string>>(row.Mapping, Json) ?? [],
            rows, row.ExpectedRows, row.Report is null ? null : JsonSerializer.Deserialize<ImportReport>(row.Report, Json),
            row.Failure is null ? null : JsonSerializer.Deserialize<CodedMessage>(row.Failure, Json));
    }

    /// <summary>
    /// At start-up on the embedded store: Hangfire's in-memory job store starts empty, so every job the database still has
    /// queued or running is queued again (<see cref="ImportJob"/> decides what an interrupted one becomes). On PostgreSQL the
    /// job store keeps them, and hands a dead node's job to another node itself.
    /// </summary>
    public async Task<int> RecoverAsync(CancellationToken cancellationToken)
    {
        if (storage.Provider != StorageProvider.Sqlite) return 0;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var open = await db.ImportJobs.AsNoTracking().Where(j => j.State == ImportJobState.Queued || j.State == ImportJobState.Running)
            .Select(j => j.Id).ToListAsync(cancellationToken);
        foreach (var id in open) Enqueue(id);
        return open.Count;
    }

    internal void Progress(Guid id, int rows) => _progress[id] = rows;

    internal void Forget(Guid id) => _progress.TryRemove(id, out _);

    private void Enqueue(Guid id) => jobs.Enqueue<ImportJob>(job => job.RunAsync(id, CancellationToken.None));
}
