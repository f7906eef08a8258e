using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Workflow.Federation.Classification;
using Workflow.Federation.Common;
using Workflow.Federation.Regions;
using Workflow.Federation.Storage;

namespace Workflow.Federation.Ledger;

/// <summary>
/// The ledger (台账): survey campaigns, organizations and their survey history. Every change of an organization's
/// facts appends a survey record, so the history shows who changed what and when. Callers pass the acting user's
/// region as <see cref="LedgerQuery.Within"/> and check an organization's region before acting on it.
/// </summary>
public sealed class LedgerService(FederationWriter writer, ClassificationRules rules, TimeProvider clock)
{
    public const string ManualSource = "manual";

    public async Task<SurveyCampaign> OpenCampaignAsync(NewSurveyCampaign request, string actor, CancellationToken cancellationToken = default)
    {
        var problems = new List<FieldProblem>();
        var name = TextNormalizer.Clean(request.Name);
        if (name is null) problems.Add(new FieldProblem("name", new CodedMessage("campaign.name-required", "缺少摸排批次名称", "the campaign needs a name")));
        else if (NameCheck.Problem("name", name) is { } garbled) problems.Add(garbled);
        if (!RegionCode.TryParse(request.RegionCode, out var region, out var regionError)) problems.Add(new FieldProblem("regionCode", regionError));
        if (request.StartsOn > request.EndsOn)
            problems.Add(new FieldProblem("endsOn", new CodedMessage("campaign.ends-before-start", "结束日期早于开始日期", "the campaign ends before it starts")));
        if (problems.Count > 0) throw new FederationValidationException(problems);

        var row = new SurveyCampaignRow
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()), Name = name!, RegionCode = region!.Value, StartsOn = request.StartsOn, EndsOn = request.EndsOn,
            Status = CampaignStatus.Open, CreatedAt = clock.GetUtcNow(), CreatedBy = actor,
        };
        return await writer.WriteAsync(db =>
        {
            db.Campaigns.Add(row);
            return Task.FromResult(SurveyCampaign.From(row));
        }, cancellationToken);
    }

    public async Task<SurveyCampaign> CloseCampaignAsync(Guid campaignId, string actor, CancellationToken cancellationToken = default) =>
        await writer.WriteAsync(async db =>
        {
            var row = await db.Campaigns.FindAsync([campaignId], cancellationToken) ?? throw NotFound.Campaign(campaignId);
            if (row.Status == CampaignStatus.Open)
            {
                row.Status = CampaignStatus.Closed;
                row.ClosedAt = clock.GetUtcNow();
                row.ClosedBy = actor;
            }
            return SurveyCampaign.From(row);
        }, cancellationToken);

    public async Task<SurveyCampaign> GetCampaignAsync(Guid campaignId, CancellationToken cancellationToken = default)
    {
        await using var db = await writer.ReadAsync(cancellationToken);
        var row = await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == campaignId, cancellationToken);
        return row is null ? throw NotFound.Campaign(campaignId) : SurveyCampaign.From(row);
    }

    /// <summary>Campaigns over the region or inside it: a township officer sees the district's campaign and the township's own.</summary>
    public async Task<IReadOnlyList<SurveyCampaign>> ListCampaignsAsync(RegionCode region, CancellationToken cancellationToken = default)
    {
        await using var db = await writer.ReadAsync(cancellationToken);
        var ancestors = region.SelfAndAncestors().Select(r => r.Value).ToList();
        var rows = await db.Campaigns.AsNoTracking()
            .Where(c => ancestors.Contains(c.RegionCode))
            .Concat(db.Campaigns.AsNoTracking().Within(c => c.RegionCode, region).Where(c => c.RegionCode != region.Value))
            .ToListAsync(cancellationToken);
        return [.. rows.OrderByDescending(c => c.CreatedAt).Select(SurveyCampaign.From)];
    }

    /// <summary>Adds an organization to the ledger, recorded in <paramref name="campaignId"/> when given.</summary>
    /// <exception cref="FederationValidationException">Every wrong field, e.g. a credit code with the check character it should have.</exception>
    public async Task<Organization> CreateOrganizationAsync(OrganizationFacts facts, Guid? campaignId, string actor, CancellationToken cancellationToken = default)
    {
        var normalized = OrganizationRules.Normalize(facts);
        return await writer.WriteAsync(async db =>
        {
            await CheckCampaignAsync(db, campaignId, normalized.RegionCode, cancellationToken);
            await CheckCreditCodeFreeAsync(db, normalized.CreditCode, null, cancellationToken);
            var now = clock.GetUtcNow();
            var row = new OrganizationRow
            {
                Id = Guid.CreateVersion7(now), CreatedAt = now, CreatedBy = actor, UpdatedAt = now, UpdatedBy = actor,
                LastCampaignId = campaignId, Revision = 1,
            };
            row.Assign(normalized);
            db.Organizations.Add(row);
            db.SurveyRecords.Add(Record(row, campaignId, actor, now, ManualSource));
            return View(row);
        }, cancellationToken);
    }

    /// <summary>Replaces an organization's facts (a re-survey or a correction) and appends the survey record.</summary>
    /// <exception cref="FederationConflictException">Someone changed the organization after the caller read <paramref name="expectedRevision"/>.</exception>
    public async Task<Organization> UpdateOrganizationAsync(Guid organizationId, int expectedRevision, OrganizationFacts facts, Guid? campaignId, string actor,
        CancellationToken cancellationToken = default)
    {
        var normalized = OrganizationRules.Normalize(facts);
        return await writer.WriteAsync(async db =>
        {
            var row = await db.Organizations.FindAsync([organizationId], cancellationToken) ?? throw NotFound.Organization(organizationId);
            if (row.Revision != expectedRevision) throw new FederationConflictException($"单位“{row.Name}”", expectedRevision, row.Revision);
            await CheckCampaignAsync(db, campaignId, normalized.RegionCode, cancellationToken);
            await CheckCreditCodeFreeAsync(db, normalized.CreditCode, organizationId, cancellationToken);
            var now = clock.GetUtcNow();
            row.Assign(normalized);
            row.UpdatedAt = now;
            row.UpdatedBy = actor;
            row.LastCampaignId = campaignId ?? row.LastCampaignId;
            row.Revision++;
            db.SurveyRecords.Add(Record(row, campaignId, actor, now, ManualSource));
            return View(row);
        }, cancellationToken);
    }

    public async Task<Organization> GetOrganizationAsync(Guid organizationId, CancellationToken cancellationToken = default)
    {
        await using var db = await writer.ReadAsync(cancellationToken);
        var row = await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == organizationId, cancellationToken);
        return row is null ? throw NotFound.Organization(organizationId) : View(row);
    }

    /// <summary>A page of the ledger, ordered by region then name.</summary>
    public async Task<Page<Organization>> QueryOrganizationsAsync(LedgerQuery query, CancellationToken cancellationToken = default)
    {
        await using var db = await writer.ReadAsync(cancellationToken);
        var rows = db.Organizations.AsNoTracking().Within(o => o.RegionCode, query.Within);
        if (query.Sector is { } sector) rows = rows.Where(o => o.Sector == sector);
        if (query.Kind is { } kind) rows = rows.Where(o => o.Kind == kind);
        if (query.KeyUnit is { } keyUnit) rows = rows.Where(keyUnit ? rules.IsKeyUnit : Not(rules.IsKeyUnit));
        if (TextNormalizer.Clean(query.Text) is { } text)
        {
            var code = TextNormalizer.Narrow(text)!.ToUpperInvariant();
            rows = rows.Where(o => o.Name.Contains(text) || o.CreditCode == code);
        }
        var paging = query.Paging ?? new Paging();
        var total = await rows.CountAsync(cancellationToken);
        var page = await rows.OrderBy(o => o.RegionCode).ThenBy(o => o.Name)
            .Skip(paging.Skip).Take(paging.Size)
            .ToListAsync(cancellationToken);
        return new Page<Organization>([.. page.Select(View)], paging.Number, paging.Size, total);
    }

    /// <summary>Every survey of the organization, oldest first, each with what changed since the one before.</summary>
    public async Task<IReadOnlyList<SurveyRecord>> GetHistoryAsync(Guid organizationId, CancellationToken cancellationToken = default)
    {
        await using var db = await writer.ReadAsync(cancellationToken);
        if (!await db.Organizations.AnyAsync(o => o.Id == organizationId, cancellationToken)) throw NotFound.Organization(organizationId);
        var records = await db.SurveyRecords.AsNoTracking()
            .Where(r => r.OrganizationId == organizationId)
            .OrderBy(r => r.Id)
            .ToListAsync(cancellationToken);
        var campaignIds = records.Select(r => r.CampaignId).OfType<Guid>().Distinct().ToList();
        var campaigns = await db.Campaigns.AsNoTracking().Where(c => campaignIds.Contains(c.Id))
            .ToDictionaryAsync(c => c.Id, c => c.Name, cancellationToken);
        var history = new List<SurveyRecord>(records.Count);
        OrganizationFacts? before = null;
        foreach (var record in records)
        {
            var facts = record.ToFacts();
            history.Add(new SurveyRecord(record.Id, record.CampaignId, record.CampaignId is { } id ? campaigns.GetValueOrDefault(id) : null,
                record.RecordedAt, record.RecordedBy, record.Source, facts, Changes(before, facts)));
            before = facts;
        }
        return history;
    }

    internal static SurveyRecordRow Record(OrganizationRow row, Guid? campaignId, string actor, DateTimeOffset at, string source)
    {
        var record = new SurveyRecordRow { OrganizationId = row.Id, CampaignId = campaignId, RecordedAt = at, RecordedBy = actor, Source = source };
        record.Assign(row.ToFacts());
        return record;
    }

    /// <summary>The campaign must be open and cover the organization's region.</summary>
    internal static async Task<SurveyCampaignRow?> CheckCampaignAsync(FederationDbContext db, Guid? campaignId, string? regionCode, CancellationToken cancellationToken)
    {
        if (campaignId is not { } id) return null;
        var campaign = await db.Campaigns.FindAsync([id], cancellationToken) ?? throw NotFound.Campaign(id);
        if (campaign.Status != CampaignStatus.Open)
            throw new FederationException(FederationError.Refused, new CodedMessage("campaign.closed",
                $"摸排批次“{campaign.Name}”已结束，不能再录入", $"the survey campaign '{campaign.Name}' is closed"));
        if (regionCode is not null && !RegionCode.Covers(campaign.RegionCode, regionCode))
            throw new FederationException(FederationError.Refused, OutsideCampaign(regionCode, campaign));
        return campaign;
    }

    internal static CodedMessage OutsideCampaign(string regionCode, SurveyCampaignRow campaign) => new("campaign.outside-region",
        $"区域 {regionCode} 不在摸排批次“{campaign.Name}”的范围（{campaign.RegionCode}）内",
        $"region {regionCode} is outside the campaign '{campaign.Name}' ({campaign.RegionCode})");

    private static async Task CheckCreditCodeFreeAsync(FederationDbContext db, string? creditCode, Guid? self, CancellationToken cancellationToken)
    {
        if (creditCode is null) return;
        var holder = await db.Organizations.AsNoTracking()
            .Where(o => o.CreditCode == creditCode && o.Id != self)
            .Select(o => new { o.Name, o.RegionCode })
            .FirstOrDefaultAsync(cancellationToken);
        if (holder is not null)
            throw new FederationValidationException([new FieldProblem(LedgerFields.CreditCode.Key, CreditCodeTaken(creditCode, holder.Name, holder.RegionCode))]);
    }

    internal static CodedMessage CreditCodeTaken(string creditCode, string holder, string region) => new("credit-code.taken",
        $"统一社会信用代码 {creditCode} 已登记为“{holder}”（区域 {region}）", $"the credit code {creditCode} is already in the ledger as '{holder}' (region {region})");

    internal Organization View(OrganizationRow row) => new(row.Id, row.ToFacts(), rules.KeyUnit(row), row.Revision, row.CreatedAt, row.CreatedBy,
        row.UpdatedAt, row.UpdatedBy, row.LastCampaignId);

    private static List<FieldChange> Changes(OrganizationFacts? before, OrganizationFacts after) =>
    [
        .. LedgerFields.All
            .Select(f => (Field: f, Before: before is null ? null : f.Display(before, null), After: f.Display(after, null)))
            .Where(x => before is null ? x.After is not null : x.Before != x.After)
            .Select(x => new FieldChange(x.Field.Key, x.Field.Label, x.Before, x.After)),
    ];

    internal static Expression<Func<OrganizationRow, bool>> Not(Expression<Func<OrganizationRow, bool>> predicate) =>
        Expression.Lambda<Func<OrganizationRow, bool>>(Expression.Not(predicate.Body), predicate.Parameters);
}
