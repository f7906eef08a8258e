using System.Xml;
using Microsoft.EntityFrameworkCore;
using Workflow.Federation.Common;
using Workflow.Federation.Ledger;
using Workflow.Federation.Regions;
using Workflow.Federation.Storage;

namespace Workflow.Federation.Import;

/// <summary>
/// Imports a ledger spreadsheet (.xlsx, or CSV in UTF-8 or GB18030) into a survey campaign. <see cref="CheckAsync"/>
/// is the dry run: it reports every bad row and what would be added or updated. <see cref="ImportAsync"/> writes
/// all rows in one transaction, or nothing when a single row is bad. A row whose credit code (or, without one,
/// whose name and region) is already in the ledger re-surveys that organization; its history keeps the old figures.
/// </summary>
public sealed class LedgerImporter(FederationWriter writer, ImportOptions options, TimeProvider clock)
{
    private const int MaxSourceLength = 200;

    public Task<ImportReport> CheckAsync(Stream file, string fileName, Guid campaignId, string actor, CancellationToken cancellationToken = default) =>
        RunAsync(file, fileName, campaignId, actor, dryRun: true, cancellationToken);

    /// <exception cref="FederationException">The campaign does not exist (not found).</exception>
    public Task<ImportReport> ImportAsync(Stream file, string fileName, Guid campaignId, string actor, CancellationToken cancellationToken = default) =>
        RunAsync(file, fileName, campaignId, actor, dryRun: false, cancellationToken);

    private async Task<ImportReport> RunAsync(Stream file, string fileName, Guid campaignId, string actor, bool dryRun, CancellationToken cancellationToken)
    {
        var started = clock.GetTimestamp();
        ImportReport Refused(CodedMessage reason, Sheet? sheet = null) => new(fileName, sheet?.Format, sheet?.Encoding, dryRun, false, 0, 0, 0, [], [], reason,
            clock.GetElapsedTime(started));

        var (bytes, length) = await ReadLimitedAsync(file, options.MaxFileBytes, cancellationToken);
        if (length > options.MaxFileBytes) return Refused(ImportMessages.TooLarge(options.MaxFileBytes));
        var sheet = SheetReader.Open(bytes, length, fileName, out var refusal);
        if (sheet is null) return Refused(refusal!);
        var read = ReadSheet(sheet);
        if (read.Refusal is not null) return Refused(read.Refusal, sheet);

        ImportReport Report(Plan plan, bool imported) => new(fileName, sheet.Format, sheet.Encoding, dryRun, imported, read.Rows.Count,
            plan.Created, plan.Updated, [.. plan.Problems.OrderBy(p => p.Row)], read.Ignored, plan.Refusal, clock.GetElapsedTime(started));

        if (dryRun)
        {
            await using var db = await writer.ReadAsync(cancellationToken);
            return Report(await PlanAsync(db, read, campaignId, cancellationToken), imported: false);
        }
        return await writer.WriteAsync(async db =>
        {
            var plan = await PlanAsync(db, read, campaignId, cancellationToken);
            if (plan.Refusal is not null || plan.Problems.Count > 0) return Report(plan, imported: false);
            Write(db, plan, campaignId, actor, Source(fileName));
            return Report(plan, imported: true);
        }, cancellationToken);
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

    private sealed record SheetRead(List<ReadRow> Rows, RowReader? Reader, CodedMessage? Refusal)
    {
        public List<IgnoredColumn> Ignored => Reader?.Ignored ?? [];
    }

    private SheetRead ReadSheet(Sheet sheet)
    {
        var rows = new List<ReadRow>();
        RowReader? reader = null;
        try
        {
            foreach (var row in sheet.Rows)
            {
                if (row.IsBlank) continue;
                if (reader is null)
                {
                    reader = RowReader.FromHeading(row, out var refusal);
                    if (reader is null) return new SheetRead(rows, null, refusal);
                    continue;
                }
                if (rows.Count == options.MaxRows) return new SheetRead(rows, reader, ImportMessages.TooManyRows(options.MaxRows));
                rows.Add(reader.Read(row));
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or XmlException or FormatException or InvalidOperationException or ArgumentException)
        {
            return new SheetRead(rows, null, ImportMessages.Unreadable(ex.Message));
        }
        return new SheetRead(rows, reader, reader is null ? ImportMessages.Empty : null);
    }

    private sealed record Existing(Guid Id, string? CreditCode, string Name, string RegionCode);

    private sealed record PlannedRow(ReadRow Row, OrganizationFacts Facts, Guid? ExistingId);

    private sealed record Plan(List<PlannedRow> Rows, List<ImportProblem> Problems, CodedMessage? Refusal)
    {
        public int Created => Refusal is null && Problems.Count == 0 ? Rows.Count(r => r.ExistingId is null) : 0;
        public int Updated => Refusal is null && Problems.Count == 0 ? Rows.Count(r => r.ExistingId is not null) : 0;
    }

    /// <summary>Decides for every row whether it adds an organization or re-surveys one, and finds the problems only the ledger can show.</summary>
    private static async Task<Plan> PlanAsync(FederationDbContext db, SheetRead read, Guid campaignId, CancellationToken cancellationToken)
    {
        var campaign = await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == campaignId, cancellationToken)
            ?? throw NotFound.Campaign(campaignId);
        if (campaign.Status != CampaignStatus.Open) return new Plan([], [], ImportMessages.CampaignClosed(campaign.Name));
        var region = RegionCode.Parse(campaign.RegionCode);

        var byCode = await db.Organizations.AsNoTracking().Where(o => o.CreditCode != null)
            .Select(o => new Existing(o.Id, o.CreditCode, o.Name, o.RegionCode))
            .ToDictionaryAsync(o => o.CreditCode!, StringComparer.Ordinal, cancellationToken);
        var byName = (await db.Organizations.AsNoTracking().Within(o => o.RegionCode, region)
                .Select(o => new Existing(o.Id, o.CreditCode, o.Name, o.RegionCode))
                .ToListAsync(cancellationToken))
            .ToLookup(o => (o.Name, o.RegionCode));

        var problems = new List<ImportProblem>();
        var planned = new List<PlannedRow>(read.Rows.Count);
        var firstRowOf = new Dictionary<Guid, int>();
        var firstRowOfNew = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in read.Rows)
        {
            problems.AddRange(row.Problems);
            if (row.Problems.Count > 0) continue;
            var facts = row.Facts;
            if (!region.Contains(facts.RegionCode))
            {
                problems.Add(read.Reader!.Problem(row.Number, LedgerFields.RegionCode, facts.RegionCode, LedgerService.OutsideCampaign(facts.RegionCode, campaign)));
                continue;
            }
            var existing = facts.CreditCode is { } code ? byCode.GetValueOrDefault(code) : null;
            if (existing is not null && !region.Contains(existing.RegionCode))
            {
                problems.Add(read.Reader!.Problem(row.Number, LedgerFields.CreditCode, facts.CreditCode, ImportMessages.RegisteredElsewhere(existing.RegionCode)));
                continue;
            }
            // Without a match by code, the same name in the same region is the same unit, unless both have different codes.
            existing ??= byName[(facts.Name, facts.RegionCode)].FirstOrDefault(o => o.CreditCode is null || facts.CreditCode is null);
            if (existing is not null && facts.CreditCode is null && existing.CreditCode is not null)
                facts = facts with { CreditCode = existing.CreditCode };

            var first = existing is not null
                ? firstRowOf.TryAdd(existing.Id, row.Number) ? (int?)null : firstRowOf[existing.Id]
                : firstRowOfNew.TryAdd(NewKey(facts), row.Number) ? null : firstRowOfNew[NewKey(facts)];
            if (first is { } earlier)
            {
                problems.Add(read.Reader!.Problem(row.Number, facts.CreditCode is null ? LedgerFields.Name : LedgerFields.CreditCode,
                    facts.CreditCode ?? facts.Name, ImportMessages.DuplicateInFile(earlier)));
                continue;
            }
            planned.Add(new PlannedRow(row, facts, existing?.Id));
        }
        return new Plan(planned, problems, null);
    }

    private static string NewKey(OrganizationFacts facts) => facts.CreditCode ?? $"{facts.RegionCode}|{facts.Name}";

    private static readonly string[] UpdatedColumns =
    [
        .. typeof(OrganizationColumns).GetProperties().Where(p => p.CanWrite).Select(p => p.Name),
        nameof(OrganizationRow.UpdatedAt), nameof(OrganizationRow.UpdatedBy), nameof(OrganizationRow.LastCampaignId),
    ];

    private void Write(FederationDbContext db, Plan plan, Guid campaignId, string actor, string source)
    {
        var now = clock.GetUtcNow();
        using var insertOrganization = PreparedRows<OrganizationRow>.Insert(db);
        using var updateOrganization = PreparedRows<OrganizationRow>.Update(db, UpdatedColumns, increment: nameof(OrganizationRow.Revision));
        using var insertRecord = PreparedRows<SurveyRecordRow>.Insert(db);
        foreach (var row in plan.Rows)
        {
            var organization = new OrganizationRow
            {
                Id = row.ExistingId ?? Guid.CreateVersion7(now), CreatedAt = now, CreatedBy = actor, UpdatedAt = now, UpdatedBy = actor,
                LastCampaignId = campaignId, Revision = 1,
            };
            organization.Assign(row.Facts);
            if (row.ExistingId is null) insertOrganization.Write(organization);
            else updateOrganization.Write(organization);
            insertRecord.Write(LedgerService.Record(organization, campaignId, actor, now, source));
        }
    }

    private static string Source(string fileName)
    {
        var source = "import:" + Path.GetFileName(fileName);
        return source.Length <= MaxSourceLength ? source : source[..MaxSourceLength];
    }
}
