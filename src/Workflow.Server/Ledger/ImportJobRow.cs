using Microsoft.EntityFrameworkCore;

namespace Workflow.Server.Ledger;

public enum ImportJobState
{
    Queued,
    Running,
    Done,
    Failed,
}

/// <summary>
/// A ledger import (or a large dry run) run as a job: what to import, where it stands and what it found. Any node reads it,
/// so the progress page is served by whichever node the officer's next request reaches.
/// </summary>
public sealed class ImportJobRow
{
    public required Guid Id { get; init; }
    public required string Owner { get; init; }
    public required Guid CampaignId { get; init; }
    /// <summary>The campaign's region: the names a region column may hold are resolved within it.</summary>
    public required string CampaignRegion { get; init; }
    /// <summary>The file in <see cref="UploadStore"/>.</summary>
    public required Guid Upload { get; init; }
    public required string FileName { get; init; }
    public required bool DryRun { get; init; }
    /// <summary>The officer's column mapping, JSON of field key → heading.</summary>
    public required string Mapping { get; init; }
    public ImportJobState State { get; set; }
    public int RowsRead { get; set; }
    public int? ExpectedRows { get; init; }
    /// <summary>The importer's report as JSON (summary, counts, every bad row); null until the job ends.</summary>
    public string? Report { get; set; }
    /// <summary>Why the job failed, in the officer's words and the log's; null unless <see cref="State"/> is failed.</summary>
    public string? Failure { get; set; }
    public int Attempts { get; set; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
}

internal static class ImportJobModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ImportJobRow>(e =>
        {
            e.ToTable("import_jobs");
            e.HasKey(x => x.Id);
            e.HasIndex(x => x.State);
        });
        modelBuilder.Entity<UploadRow>(e =>
        {
            e.ToTable("uploads");
            e.HasKey(x => x.Token);
            e.HasIndex(x => x.CreatedAt);
        });
    }
}
