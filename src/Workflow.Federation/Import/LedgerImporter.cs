using Microsoft.EntityFrameworkCore;
using Workflow.Federation.Common;
using Workflow.Federation.Ledger;
using Workflow.Federation.Storage;

namespace Workflow.Federation.Import;

/// <summary>
/// Imports a ledger spreadsheet (.xlsx, or CSV in UTF-8 or GB18030) into a survey campaign. <see cref="CheckAsync"/>
/// is the dry run: it reports every bad row and what would be added or updated. <see cref="ImportAsync"/> writes
/// all rows in one transaction, or nothing when a single row is bad. A row whose credit code (or, without one,
/// whose name and region) is already in the ledger re-surveys that organization; its history keeps the old figures.
/// Rows are written with prepared statements while the file is still being read, and rolled back at the end if
/// any row was bad: 100,000 rows take seconds, not minutes.
/// </summary>
public sealed class LedgerImporter(FederationWriter writer, ImportOptions options, TimeProvider clock)
{
    private const int MaxSourceLength = 200;

    // SQLite's default page cache (2 MB) is far smaller than the indexes a district's ledger touches; 64 MB keeps
    // them in memory for the length of the import.
    private const string ImportCache = "PRAGMA cache_size=-65536;";
    private const string DefaultCache = "PRAGMA cache_size=-2000;";

    public Task<ImportReport> CheckAsync(Stream file, string fileName, Guid campaignId, string actor, CancellationToken cancellationToken = default) =>
        RunAsync(file, fileName, campaignId, actor, ImportSettings.Default, dryRun: true, cancellationToken);

    /// <exception cref="FederationException">The campaign does not exist (not found).</exception>
    public Task<ImportReport> ImportAsync(Stream file, string fileName, Guid campaignId, string actor, CancellationToken cancellationToken = default) =>
        RunAsync(file, fileName, campaignId, actor, ImportSettings.Default, dryRun: false, cancellationToken);

    /// <summary>The dry run with the officer's column mapping and the region names a region column may hold.</summary>
    public Task<ImportReport> CheckAsync(Stream file, string fileName, Guid campaignId, string actor, ImportSettings settings, CancellationToken cancellationToken = default) =>
        RunAsync(file, fileName, campaignId, actor, settings, dryRun: true, cancellationToken);

    /// <summary>Imports with the officer's column mapping; a successful import remembers the mapping for the campaign's next file.</summary>
    public Task<ImportReport> ImportAsync(Stream file, string fileName, Guid campaignId, string actor, ImportSettings settings, CancellationToken cancellationToken = default) =>
        RunAsync(file, fileName, campaignId, actor, settings, dryRun: false, cancellationToken);

    /// <summary>The file's headings and the mapping to offer for them; reads the heading row only.</summary>
    /// <exception cref="FederationException">The campaign does not exist (not found).</exception>
    public async Task<ColumnSuggestion> SuggestAsync(Stream file, Guid campaignId, CancellationToken cancellationToken = default)
    {
        var (bytes, length) = await ReadLimitedAsync(file, options.MaxFileBytes, cancellationToken);
        var refusal = length > options.MaxFileBytes ? ImportMessages.TooLarge(options.MaxFileBytes) : null;
        var sheet = refusal is null ? SheetReader.Open(bytes, length, out refusal) : null;
        await using var db = await writer.ReadAsync(cancellationToken);
        var campaign = await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == campaignId, cancellationToken)
            ?? throw NotFound.Campaign(campaignId);
        if (sheet is null) return new ColumnSuggestion([], new Dictionary<string, string>(), false, refusal);
        try
        {
            var heading = sheet.Rows.FirstOrDefault(r => !r.IsBlank);
            return heading.Cells is null
                ? new ColumnSuggestion([], new Dictionary<string, string>(), false, ImportMessages.Empty)
                : ColumnSuggestions.For(RowReader.Headings(heading), ColumnMappings.Read(campaign.ColumnMapping));
        }
        catch (Exception ex) when (ex is InvalidDataException or System.Xml.XmlException or FormatException or InvalidOperationException or ArgumentException)
        {
            return new ColumnSuggestion([], new Dictionary<string, string>(), false, ImportMessages.Unreadable(ex.Message));
        }
    }

    private async Task<ImportReport> RunAsync(Stream file, string fileName, Guid campaignId, string actor, ImportSettings settings, bool dryRun,
        CancellationToken cancellationToken)
    {
        var started = clock.GetTimestamp();
        var (bytes, length) = await ReadLimitedAsync(file, options.MaxFileBytes, cancellationToken);
        var refusal = length > options.MaxFileBytes ? ImportMessages.TooLarge(options.MaxFileBytes) : null;
        var sheet = refusal is null ? SheetReader.Open(bytes, length, out refusal) : null;
        if (sheet is null) return new ImportReport(fileName, null, null, dryRun, false, 0, 0, 0, [], [], refusal, clock.GetElapsedTime(started));

        async Task<ImportReport> Run(FederationDbContext db)
        {
            var (plan, closed) = await ImportPlan.StartAsync(db, campaignId, cancellationToken);
            if (plan is null) return Report(null, null, closed);
            // Stops the reading thread too if writing fails half-way.
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var feed = RowFeed.Start(sheet, options.MaxRows, settings.Mapping, new RegionNames(settings.Regions, plan.Region), stop.Token);
            try
            {
                using var sink = dryRun ? null : new Sink(db, campaignId, actor, Source(fileName), clock.GetUtcNow());
                await foreach (var row in feed.ReadAllAsync(stop.Token))
                {
                    var planned = plan.Accept(row, feed.Reader!);
                    // After the first bad row nothing more is written: the transaction is rolled back anyway.
                    if (planned is not null && plan.Problems.Count == 0) sink?.Write(planned);
                    if (feed.RowsRead % ImportSettings.ProgressEvery == 0) settings.RowsRead?.Report(feed.RowsRead);
                }
                if (!dryRun && settings.Mapping is { Headings.Count: > 0 } mapping && feed.Refusal is null && plan.Problems.Count == 0)
                    await db.Campaigns.Where(c => c.Id == campaignId)
                        .ExecuteUpdateAsync(set => set.SetProperty(c => c.ColumnMapping, ColumnMappings.Write(mapping)), cancellationToken);
                settings.RowsRead?.Report(feed.RowsRead);
                return Report(feed, plan, feed.Refusal);
            }
            finally
            {
                await stop.CancelAsync();
            }
        }

        ImportReport Report(RowFeed? feed, ImportPlan? plan, CodedMessage? refusal)
        {
            var clean = refusal is null && plan is { Problems.Count: 0 };
            return new ImportReport(fileName, sheet.Format, sheet.Encoding, dryRun, clean && !dryRun, feed?.RowsRead ?? 0,
                clean ? plan!.Created : 0, clean ? plan!.Updated : 0, [.. (plan?.Problems ?? []).OrderBy(p => p.Row)],
                feed?.Reader?.Ignored ?? [], refusal, clock.GetElapsedTime(started));
        }

        if (dryRun)
        {
            await using var db = await writer.ReadAsync(cancellationToken);
            return await Run(db);
        }
        return await writer.WriteAsync(Run, report => report.Imported, cancellationToken);
    }

    /// <summary>Reads at most one byte more than the limit, so an oversized upload is refused without being held whole.</summary>
    private static async Task<(byte[] Bytes, int Length)> ReadLimitedAsync(Stream file, long limit, CancellationToken cancellationToken)
    {
        var capacity = (int)Math.Min(limit + 1, file.CanSeek ? Math.Max(0, file.Length - file.Position) + 1 : 1 << 20);
        var buffer = new byte[Math.Max(capacity, 1)];
        var length = 0;
        while (length <= limit)
        {
            if (length == buffer.Length) Array.Resize(ref buffer, (int)Math.Min(limit + 1, (long)buffer.Length * 2));
            var n = await file.ReadAsync(buffer.AsMemory(length, buffer.Length - length), cancellationToken);
            if (n == 0) break;
            length += n;
        }
        return (buffer, length);
    }

    private static string Source(string fileName)
    {
        var source = "import:" + Path.GetFileName(fileName);
        return source.Length <= MaxSourceLength ? source : source[..MaxSourceLength];
    }

    /// <summary>Writes planned rows: the organization (inserted, or updated with its revision bumped) and its survey record.</summary>
    private sealed class Sink : IDisposable
    {
        private static readonly string[] UpdatedColumns =
        [
            .. typeof(OrganizationColumns).GetProperties().Where(p => p.CanWrite).Select(p => p.Name),
            nameof(OrganizationRow.UpdatedAt), nameof(OrganizationRow.UpdatedBy), nameof(OrganizationRow.LastCampaignId),
        ];

        private readonly FederationDbContext _db;
        private readonly Guid _campaignId;
        private readonly string _actor;
        private readonly string _source;
        private readonly DateTimeOffset _now;
        private readonly PreparedRows<OrganizationRow> _insertOrganization;
        private readonly PreparedRows<OrganizationRow> _updateOrganization;
        private readonly PreparedRows<SurveyRecordRow> _insertRecord;

        public Sink(FederationDbContext db, Guid campaignId, string actor, string source, DateTimeOffset now)
        {
            (_db, _campaignId, _actor, _source, _now) = (db, campaignId, actor, source, now);
            // SQLite's page cache is per connection: a larger one for the import's duration (PostgreSQL's is the server's).
            if (db.Database.IsSqlite()) db.Database.ExecuteSqlRaw(ImportCache);
            _insertOrganization = PreparedRows<OrganizationRow>.Insert(db);
            _updateOrganization = PreparedRows<OrganizationRow>.Update(db, UpdatedColumns, increment: nameof(OrganizationRow.Revision));
            _insertRecord = PreparedRows<SurveyRecordRow>.Insert(db);
        }

        public void Write(PlannedRow row)
        {
            var organization = new OrganizationRow
            {
                Id = row.ExistingId ?? Guid.CreateVersion7(_now), CreatedAt = _now, CreatedBy = _actor, UpdatedAt = _now, UpdatedBy = _actor,
                LastCampaignId = _campaignId, Revision = 1,
            };
            organization.Assign(row.Facts);
            if (row.ExistingId is null) _insertOrganization.Write(organization);
            else _updateOrganization.Write(organization);
            _insertRecord.Write(LedgerService.Record(organization, _campaignId, _actor, _now, _source));
        }

        public void Dispose()
        {
            _insertOrganization.Dispose();
            _updateOrganization.Dispose();
            _insertRecord.Dispose();
            if (_db.Database.IsSqlite()) _db.Database.ExecuteSqlRaw(DefaultCache);
        }
    }
}
