using Microsoft.EntityFrameworkCore;
using Workflow.Federation.Classification;
using Workflow.Federation.Common;
using Workflow.Federation.Regions;
using Workflow.Federation.Storage;

namespace Workflow.Federation.Ledger;

/// <summary>
/// The ledger page's filters beyond <see cref="LedgerQuery"/>: a party organization or none, founded (member of a body)
/// or not, and the rows a campaign last recorded (what an import created or changed).
/// </summary>
public sealed record LedgerFilter(LedgerQuery Query, bool? HasPartyOrganization = null, bool? Founded = null, Guid? Campaign = null);

/// <summary>One screen of the ledger and the cursor of the next (null on the last).</summary>
public sealed record LedgerSlice(IReadOnlyList<Organization> Items, string? Next);

/// <summary>The founding request and the body an organization belongs to, if any.</summary>
public sealed record OrganizationLinks(Guid? RequestId, string? RequestName, Guid? BodyId, string? BodyName);

/// <summary>
/// Reads the ledger by keyset (region, name, id) rather than by offset: the 2,000th screen of 100,000 rows costs what
/// the first does, because the cursor is a seek into the region index, not a count of rows to skip.
/// </summary>
public sealed class LedgerBrowse(FederationWriter writer, ClassificationRules rules, LedgerService ledger)
{
    public const int MaxSize = 200;

    public async Task<LedgerSlice> SliceAsync(LedgerFilter filter, string? after, int size, CancellationToken cancellationToken = default)
    {
        size = Math.Clamp(size, 1, MaxSize);
        await using var db = await writer.ReadAsync(cancellationToken);
        var query = filter.Query;
        var rows = db.Organizations.AsNoTracking().Within(o => o.RegionCode, query.Within);
        if (query.Sector is { } sector) rows = rows.Where(o => o.Sector == sector);
        if (query.Kind is { } kind) rows = rows.Where(o => o.Kind == kind);
        if (query.KeyUnit is { } keyUnit) rows = rows.Where(keyUnit ? rules.IsKeyUnit : LedgerService.Not(rules.IsKeyUnit));
        if (filter.HasPartyOrganization is { } party)
            rows = party ? rows.Where(o => o.PartyOrganization != PartyOrganizationStatus.None) : rows.Where(o => o.PartyOrganization == PartyOrganizationStatus.None);
        if (filter.Founded is { } founded)
            rows = founded ? rows.Where(o => db.BodyMembers.Any(m => m.OrganizationId == o.Id)) : rows.Where(o => !db.BodyMembers.Any(m => m.OrganizationId == o.Id));
        if (filter.Campaign is { } campaign) rows = rows.Where(o => o.LastCampaignId == campaign);
        if (TextNormalizer.Clean(query.Text) is { } text)
        {
            var code = TextNormalizer.Narrow(text)!.ToUpperInvariant();
            rows = rows.Where(o => o.Name.Contains(text) || o.CreditCode == code);
        }
        if (KeysetCursor.Read(after) is var (region, name, id))
        {
            // EF translates this two-argument form to the database's own (ordinal) comparison, the one ORDER BY uses;
            // the StringComparison overload the analyser asks for does not translate.
#pragma warning disable CA1309
            rows = rows.Where(o => string.Compare(o.RegionCode, region) > 0
                || o.RegionCode == region && (string.Compare(o.Name, name) > 0 || o.Name == name && o.Id > id));
#pragma warning restore CA1309
        }
        var page = await rows.OrderBy(o => o.RegionCode).ThenBy(o => o.Name).ThenBy(o => o.Id).Take(size + 1).ToListAsync(cancellationToken);
        var items = page.Take(size).Select(ledger.View).ToList();
        return new LedgerSlice(items, page.Count > size ? KeysetCursor.Write(page[size - 1].RegionCode, page[size - 1].Name, page[size - 1].Id) : null);
    }

    public async Task<OrganizationLinks> LinksAsync(Guid organizationId, CancellationToken cancellationToken = default)
    {
        await using var db = await writer.ReadAsync(cancellationToken);
        var request = await db.FoundingRequests.AsNoTracking().Where(r => r.Members.Any(m => m.OrganizationId == organizationId))
            .OrderByDescending(r => r.CreatedAt).Select(r => new { r.Id, r.Name }).FirstOrDefaultAsync(cancellationToken);
        var body = await db.Bodies.AsNoTracking().Where(b => b.Members.Any(m => m.OrganizationId == organizationId))
            .Select(b => new { b.Id, b.Name }).FirstOrDefaultAsync(cancellationToken);
        return new OrganizationLinks(request?.Id, request?.Name, body?.Id, body?.Name);
    }
}
