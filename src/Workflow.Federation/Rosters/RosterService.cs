using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Workflow.Federation.Common;
using Workflow.Federation.Ledger;
using Workflow.Federation.Regions;
using Workflow.Federation.Storage;

namespace Workflow.Federation.Rosters;

/// <summary>The women roster and the exemplar roster (两库两册, seed 003): people linked to organizations in the ledger.</summary>
public sealed class RosterService(FederationWriter writer, TimeProvider clock)
{
    public async Task<RosterEntry> AddAsync(Roster roster, Guid organizationId, RosterEntryInput input, string actor, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var entry = RosterRules.Normalize(roster, input, now.Year);
        var id = await writer.WriteAsync(async db =>
        {
            if (!await db.Organizations.AnyAsync(o => o.Id == organizationId, cancellationToken)) throw NotFound.Organization(organizationId);
            var row = new RosterEntryRow
            {
                Id = Guid.CreateVersion7(now), Roster = roster, OrganizationId = organizationId, Name = entry.Name, CreatedAt = now, CreatedBy = actor, Revision = 1,
            };
            Apply(row, entry, now, actor);
            db.RosterEntries.Add(row);
            return row.Id;
        }, cancellationToken);
        return await GetAsync(id, cancellationToken);
    }

    /// <exception cref="FederationConflictException">The entry changed after the caller read <paramref name="expectedRevision"/>.</exception>
    public async Task<RosterEntry> UpdateAsync(Guid entryId, int expectedRevision, RosterEntryInput input, string actor, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        await writer.WriteAsync(async db =>
        {
            var row = await db.RosterEntries.FindAsync([entryId], cancellationToken) ?? throw NotFound.RosterEntry(entryId);
            if (row.Revision != expectedRevision) throw new FederationConflictException($"名册记录“{row.Name}”", expectedRevision, row.Revision);
            Apply(row, RosterRules.Normalize(row.Roster, input, now.Year), now, actor);
            row.Revision++;
            return row.Id;
        }, cancellationToken);
        return await GetAsync(entryId, cancellationToken);
    }

    /// <summary>Removes a person from a roster for good: rosters hold personal data, which is not kept once it is no longer wanted.</summary>
    public async Task RemoveAsync(Guid entryId, CancellationToken cancellationToken = default) =>
        await writer.WriteAsync(async db =>
        {
            var row = await db.RosterEntries.FindAsync([entryId], cancellationToken) ?? throw NotFound.RosterEntry(entryId);
            db.RosterEntries.Remove(row);
            return row.Id;
        }, cancellationToken);

    public async Task<RosterEntry> GetAsync(Guid entryId, CancellationToken cancellationToken = default)
    {
        await using var db = await writer.ReadAsync(cancellationToken);
        return await Lines(db).Where(x => x.Entry.Id == entryId).Select(View).FirstOrDefaultAsync(cancellationToken)
            ?? throw NotFound.RosterEntry(entryId);
    }

    public async Task<Page<RosterEntry>> QueryAsync(RosterQuery query, CancellationToken cancellationToken = default)
    {
        await using var db = await writer.ReadAsync(cancellationToken);
        var lines = Filter(db, query);
        var paging = query.Paging ?? new Paging();
        var total = await lines.CountAsync(cancellationToken);
        var page = await lines.Skip(paging.Skip).Take(paging.Size).Select(View).ToListAsync(cancellationToken);
        return new Page<RosterEntry>(page, paging.Number, paging.Size, total);
    }

    /// <summary>A roster in a region, ordered by region, organization and name; the export reads the same.</summary>
    internal static IQueryable<RosterLine> Filter(FederationDbContext db, RosterQuery query)
    {
        var lines = Lines(db).Where(x => x.Entry.Roster == query.Roster).Within(x => x.Organization.RegionCode, query.Within);
        if (query.OrganizationId is { } organizationId) lines = lines.Where(x => x.Entry.OrganizationId == organizationId);
        if (TextNormalizer.Clean(query.Text) is { } text) lines = lines.Where(x => x.Entry.Name.Contains(text) || x.Organization.Name.Contains(text));
        return lines.OrderBy(x => x.Organization.RegionCode).ThenBy(x => x.Organization.Name).ThenBy(x => x.Entry.Name);
    }

    internal static readonly Expression<Func<RosterLine, RosterEntry>> View = x => new RosterEntry(
        x.Entry.Id, x.Entry.Roster, x.Entry.OrganizationId, x.Organization.Name, x.Organization.RegionCode, x.Entry.Name, x.Entry.Role,
        x.Entry.Phone, x.Entry.Note, x.Entry.Honour, x.Entry.Year, x.Entry.Revision, x.Entry.UpdatedAt, x.Entry.UpdatedBy);

    private static IQueryable<RosterLine> Lines(FederationDbContext db) =>
        from e in db.RosterEntries.AsNoTracking()
        join o in db.Organizations.AsNoTracking() on e.OrganizationId equals o.Id
        select new RosterLine { Entry = e, Organization = o };

    private static void Apply(RosterEntryRow row, RosterEntryInput entry, DateTimeOffset now, string actor)
    {
        row.Name = entry.Name;
        row.Role = entry.Role;
        row.Phone = entry.Phone;
        row.Note = entry.Note;
        row.Honour = entry.Honour;
        row.Year = entry.Year;
        row.UpdatedAt = now;
        row.UpdatedBy = actor;
    }
}

/// <summary>A roster entry with its organization, as queries filter and order them before projecting.</summary>
internal sealed class RosterLine
{
    public required RosterEntryRow Entry { get; init; }
    public required OrganizationRow Organization { get; init; }
}
