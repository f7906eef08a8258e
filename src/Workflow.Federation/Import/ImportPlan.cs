using Microsoft.EntityFrameworkCore;
using Workflow.Federation.Common;
using Workflow.Federation.Ledger;
using Workflow.Federation.Regions;
using Workflow.Federation.Storage;

namespace Workflow.Federation.Import;

/// <summary>A checked row and the organization it re-surveys, if it is already in the ledger.</summary>
internal sealed record PlannedRow(OrganizationFacts Facts, Guid? ExistingId);

/// <summary>
/// Decides, row by row, whether a row adds an organization or re-surveys one, and finds the problems only the
/// ledger and the rest of the file can show: a region outside the campaign, an organization registered in
/// another region, the same organization twice.
/// </summary>
internal sealed class ImportPlan
{
    private readonly SurveyCampaignRow _campaign;
    private readonly RegionCode _region;
    private readonly Dictionary<string, Existing> _byCode;
    private readonly ILookup<(string Name, string RegionCode), Existing> _byName;
    private readonly Dictionary<Guid, int> _firstRowOfExisting = [];
    private readonly Dictionary<string, int> _firstRowOfNew = new(StringComparer.Ordinal);

    private sealed record Existing(Guid Id, string? CreditCode, string Name, string RegionCode);

    private ImportPlan(SurveyCampaignRow campaign, Dictionary<string, Existing> byCode, ILookup<(string, string), Existing> byName)
    {
        _campaign = campaign;
        _region = RegionCode.Parse(campaign.RegionCode);
        _byCode = byCode;
        _byName = byName;
    }

    public RegionCode Region => _region;

    /// <summary>The column mapping remembered from the campaign's last import, if any.</summary>
    public ColumnMapping? RememberedMapping => ColumnMappings.Read(_campaign.ColumnMapping);

    public List<ImportProblem> Problems { get; } = [];
    public int Created { get; private set; }
    public int Updated { get; private set; }

    /// <exception cref="FederationException">The campaign does not exist.</exception>
    public static async Task<(ImportPlan? Plan, CodedMessage? Refusal)> StartAsync(FederationDbContext db, Guid campaignId, CancellationToken cancellationToken)
    {
        var campaign = await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == campaignId, cancellationToken)
            ?? throw NotFound.Campaign(campaignId);
        if (campaign.Status != CampaignStatus.Open) return (null, ImportMessages.CampaignClosed(campaign.Name));
        var byCode = await db.Organizations.AsNoTracking().Where(o => o.CreditCode != null)
            .Select(o => new Existing(o.Id, o.CreditCode, o.Name, o.RegionCode))
            .ToDictionaryAsync(o => o.CreditCode!, StringComparer.Ordinal, cancellationToken);
        var inRegion = await db.Organizations.AsNoTracking().Within(o => o.RegionCode, RegionCode.Parse(campaign.RegionCode))
            .Select(o => new Existing(o.Id, o.CreditCode, o.Name, o.RegionCode))
            .ToListAsync(cancellationToken);
        return (new ImportPlan(campaign, byCode, inRegion.ToLookup(o => (o.Name, o.RegionCode))), null);
    }

    /// <summary>The row as planned, or null when it has a problem (added to <see cref="Problems"/>).</summary>
    public PlannedRow? Accept(ReadRow row, RowReader reader)
    {
        if (row.Problems.Count > 0)
        {
            Problems.AddRange(row.Problems);
            return null;
        }
        var facts = row.Facts;
        if (!_region.Contains(facts.RegionCode))
            return Refuse(reader.Problem(row.Number, LedgerFields.RegionCode, facts.RegionCode, LedgerService.OutsideCampaign(facts.RegionCode, _campaign)));
        var existing = facts.CreditCode is { } code ? _byCode.GetValueOrDefault(code) : null;
        if (existing is not null && !_region.Contains(existing.RegionCode))
            return Refuse(reader.Problem(row.Number, LedgerFields.CreditCode, facts.CreditCode, ImportMessages.RegisteredElsewhere(existing.RegionCode)));
        // Without a match by code, the same name in the same region is the same unit, unless the two have different codes.
        existing ??= _byName[(facts.Name, facts.RegionCode)].FirstOrDefault(o => o.CreditCode is null || facts.CreditCode is null);
        if (existing is not null && facts.CreditCode is null && existing.CreditCode is not null)
            facts = facts with { CreditCode = existing.CreditCode };

        var firstRow = existing is not null
            ? FirstRow(_firstRowOfExisting, existing.Id, row.Number)
            : FirstRow(_firstRowOfNew, facts.CreditCode ?? $"{facts.RegionCode}|{facts.Name}", row.Number);
        if (firstRow is { } earlier)
        {
            var field = facts.CreditCode is null ? LedgerFields.Name : LedgerFields.CreditCode;
            return Refuse(reader.Problem(row.Number, field, facts.CreditCode ?? facts.Name, ImportMessages.DuplicateInFile(earlier)));
        }
        if (existing is null) Created++;
        else Updated++;
        return new PlannedRow(facts, existing?.Id);
    }

    private PlannedRow? Refuse(ImportProblem problem)
    {
        Problems.Add(problem);
        return null;
    }

    private static int? FirstRow<TKey>(Dictionary<TKey, int> seen, TKey key, int row) where TKey : notnull =>
        seen.TryAdd(key, row) ? null : seen[key];
}
