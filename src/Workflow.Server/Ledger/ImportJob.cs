using System.Data.Common;
using System.Text.Json;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Workflow.Federation.Common;
using Workflow.Federation.Import;
using Workflow.Server.Storage;

namespace Workflow.Server.Ledger;

/// <summary>
/// Runs one import job. The import is one transaction, so a job cut short never leaves half a file in the ledger. A job stopped
/// with its node (shutdown) goes back to the queue and runs again from the top. A job found running when it starts was cut
/// short by a node that died: a dry run wrote nothing and runs again; an import may or may not have committed just before the
/// node died, so it ends failed, saying so, rather than import the file a second time.
/// </summary>
public sealed class ImportJob(IDbContextFactory<ServiceDbContext> contexts, ImportJobs registry, LedgerImporter importer, ImportInput input, UploadStore uploads,
    TimeProvider clock, ILogger<ImportJob> logger)
{
    public static readonly CodedMessage Interrupted = new("import.interrupted",
        "导入进行中服务中断。导入是一个事务，台账要么已全部写入、要么未作改动：请按本次调查筛选台账核对，缺少时重新导入。",
        "The service stopped during the import. An import is one transaction, so the ledger holds all of its rows or none: check the ledger filtered by this campaign and import again if they are missing.");

    public static readonly CodedMessage Crashed = new("import.failed", "导入出错，台账未作任何改动。请稍后重新导入；如仍不成功，请联系管理员。",
        "The import failed and the ledger was not changed. Import again later; if it fails again, ask an administrator.");

    public static readonly CodedMessage UploadGone = new("import.upload-gone", "上传的文件已过期，请重新上传。", "The uploaded file has expired: upload it again.");

    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(Guid id, CancellationToken cancellationToken)
    {
        ImportJobRow? job;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
            job = await db.ImportJobs.AsNoTracking().SingleOrDefaultAsync(j => j.Id == id, cancellationToken);
        if (job is null || job.State is ImportJobState.Done or ImportJobState.Failed) return;
        if (job.State == ImportJobState.Running && !job.DryRun)
        {
            logger.LogWarning("ledger import {Job} of {File} was cut short by a stopped node; marked failed", id, job.FileName);
            await EndAsync(id, ImportJobState.Running, null, Interrupted, CancellationToken.None);
            return;
        }
        if (!await ClaimAsync(job, cancellationToken)) return;
        try
        {
            var report = await ImportAsync(job, cancellationToken);
            await EndAsync(id, ImportJobState.Running, report, report is null ? UploadGone : null, CancellationToken.None);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The node is stopping: the transaction rolled back, so the job may run again from the top on any node.
            await UpdateAsync(id, ImportJobState.Running, s => s.SetProperty(j => j.State, ImportJobState.Queued), CancellationToken.None);
            throw;
        }
        catch (Exception failure) when (failure is not OutOfMemoryException)
        {
            logger.LogError(failure, "ledger import {Job} of {File} failed", id, job.FileName);
            await EndAsync(id, ImportJobState.Running, null, Crashed, CancellationToken.None);
        }
        finally
        {
            registry.Forget(id);
        }
    }

    /// <summary>Takes the job for this worker; false when another worker took it first.</summary>
    private async Task<bool> ClaimAsync(ImportJobRow job, CancellationToken cancellationToken) =>
        await UpdateAsync(job.Id, job.State, s => s.SetProperty(j => j.State, ImportJobState.Running).SetProperty(j => j.Attempts, job.Attempts + 1)
            .SetProperty(j => j.StartedAt, clock.GetUtcNow()).SetProperty(j => j.RowsRead, 0), cancellationToken, job.Attempts) == 1;

    private async Task<ImportReport?> ImportAsync(ImportJobRow job, CancellationToken cancellationToken)
    {
        var upload = await uploads.OpenAsync(job.Upload, job.Owner, cancellationToken);
        if (upload is null) return null;
        var mapping = JsonSerializer.Deserialize<Dictionary<string, string>>(job.Mapping, ImportJobs.Json) ?? [];
        var settings = await input.SettingsAsync(job.CampaignRegion, new ColumnMapping(mapping), cancellationToken) with { RowsRead = new StoredProgress(this, registry, logger, job.Id) };
        await using var file = upload.Value.File;
        return job.DryRun
            ? await importer.CheckAsync(file, job.FileName, job.CampaignId, job.Owner, settings, cancellationToken)
            : await importer.ImportAsync(file, job.FileName, job.CampaignId, job.Owner, settings, cancellationToken);
    }

    private Task<int> EndAsync(Guid id, ImportJobState from, ImportReport? report, CodedMessage? failure, CancellationToken cancellationToken) =>
        UpdateAsync(id, from, s =>
        {
            s.SetProperty(j => j.State, failure is null ? ImportJobState.Done : ImportJobState.Failed).SetProperty(j => j.EndedAt, clock.GetUtcNow())
                .SetProperty(j => j.Failure, failure is null ? null : JsonSerializer.Serialize(failure, ImportJobs.Json));
            if (report is not null) s.SetProperty(j => j.Report, JsonSerializer.Serialize(report, ImportJobs.Json)).SetProperty(j => j.RowsRead, report.RowsRead);
        }, cancellationToken);

    /// <summary>Changes the job only if it is still in <paramref name="from"/> (and at <paramref name="attempts"/>): two workers never both move it.</summary>
    private async Task<int> UpdateAsync(Guid id, ImportJobState from, Action<Microsoft.EntityFrameworkCore.Query.UpdateSettersBuilder<ImportJobRow>> change,
        CancellationToken cancellationToken, int? attempts = null)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.ImportJobs.Where(j => j.Id == id && j.State == from && (attempts == null || j.Attempts == attempts))
            .ExecuteUpdateAsync(change, cancellationToken);
    }

    /// <summary>Rows read so far, into the registry's memory and, where the database allows a write beside the import's, into the job's row.</summary>
    private sealed class StoredProgress(ImportJob owner, ImportJobs registry, ILogger logger, Guid id) : IProgress<int>
    {
        private int _latest;
        private int _writing;

        public void Report(int value)
        {
            Volatile.Write(ref _latest, value);
            registry.Progress(id, value);
            if (registry.StoresProgress && Interlocked.Exchange(ref _writing, 1) == 0) _ = WriteAsync();
        }

        private async Task WriteAsync()
        {
            try
            {
                var rows = Volatile.Read(ref _latest);
                await owner.UpdateAsync(id, ImportJobState.Running, s => s.SetProperty(j => j.RowsRead, rows), CancellationToken.None);
            }
            catch (DbException failure)
            {
                // Progress is a courtesy: the report at the end carries the real count.
                logger.LogWarning(failure, "progress of ledger import {Job} not saved", id);
            }
            finally
            {
                Volatile.Write(ref _writing, 0);
            }
        }
    }
}
