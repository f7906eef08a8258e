using System.Collections.Concurrent;
using Workflow.Federation.Import;

namespace Workflow.Server.Pages.Ledger;

/// <summary>Where a background import stands: rows read so far (of about <see cref="ExpectedRows"/>, when the file says), then its report.</summary>
public sealed record ImportRun(Guid Id, Guid Campaign, string FileName, int RowsRead, int? ExpectedRows, ImportReport? Report, bool Failed)
{
    public bool Running => Report is null && !Failed;
}

/// <summary>
/// Imports run here, off the request, so that a 100,000-row file does not hold the officer's page (or a proxy's timeout)
/// for its duration: the page starts a run, then shows its progress until the report is in. Runs live in this node's
/// memory beside their owner and are forgotten an hour after they end; the import itself is one transaction, so a run cut
/// short by a restart leaves the ledger as it was and the officer imports again.
/// </summary>
public sealed class ImportRuns(TimeProvider clock, IHostApplicationLifetime lifetime, ILogger<ImportRuns> logger)
{
    private static readonly TimeSpan KeepFor = TimeSpan.FromHours(1);
    private readonly ConcurrentDictionary<Guid, Entry> _runs = new();

    /// <summary>Starts <paramref name="import"/> in the background and returns the run's id at once.</summary>
    public Guid Start(string owner, Guid campaign, string fileName, int? expectedRows, Func<IProgress<int>, CancellationToken, Task<ImportReport>> import)
    {
        Sweep();
        var id = Guid.CreateVersion7(clock.GetUtcNow());
        var entry = new Entry(owner, new ImportRun(id, campaign, fileName, 0, expectedRows, null, false));
        _runs[id] = entry;
        var progress = new RowsProgress(entry);
        _ = Task.Run(async () =>
        {
            try
            {
                var report = await import(progress, lifetime.ApplicationStopping);
                entry.Update(run => run with { Report = report, RowsRead = report.RowsRead }, clock.GetUtcNow());
            }
            catch (Exception failure) when (failure is not OutOfMemoryException)
            {
                // The page says the import failed and nothing was written (one transaction); the log keeps why.
                logger.LogError(failure, "ledger import {Run} of {File} failed", id, fileName);
                entry.Update(run => run with { Failed = true }, clock.GetUtcNow());
            }
        });
        return id;
    }

    /// <summary>The run, or null when it is unknown, forgotten or someone else's.</summary>
    public ImportRun? Get(Guid id, string owner) => _runs.TryGetValue(id, out var entry) && entry.Owner == owner ? entry.Run : null;

    private void Sweep()
    {
        foreach (var (id, entry) in _runs)
            if (entry.EndedAt is { } ended && clock.GetUtcNow() - ended > KeepFor) _runs.TryRemove(id, out _);
    }

    private sealed class Entry(string owner, ImportRun run)
    {
        private readonly Lock _gate = new();

        public string Owner { get; } = owner;
        public ImportRun Run { get; private set; } = run;
        public DateTimeOffset? EndedAt { get; private set; }

        public void Update(Func<ImportRun, ImportRun> change, DateTimeOffset? endedAt = null)
        {
            lock (_gate)
            {
                Run = change(Run);
                EndedAt ??= endedAt;
            }
        }
    }

    /// <summary>Reports straight into the run: <see cref="Progress{T}"/> would post to a context the background thread does not have.</summary>
    private sealed class RowsProgress(Entry entry) : IProgress<int>
    {
        public void Report(int value) => entry.Update(run => run.Report is null ? run with { RowsRead = value } : run);
    }
}
