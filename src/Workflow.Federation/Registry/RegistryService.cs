using Microsoft.EntityFrameworkCore;
using Workflow.Federation.Common;
using Workflow.Federation.Kinds;
using Workflow.Federation.Ledger;
using Workflow.Federation.Storage;
using Workflow.Federation.Regions;

namespace Workflow.Federation.Registry;

/// <summary>A leader as elected (or appointed), and the account she uses in the service once an officer has linked it.</summary>
public sealed record BodyLeader(string Name, LeaderRole Role, string? Organization, DateOnly TermStart, DateOnly TermEnd, Guid Id, Guid? UserId);

/// <summary>What planners need of every founded body, read without its members and leaders.</summary>
public sealed record FoundedBody(Guid Id, string Name, FederationKind Kind, string RegionCode, DateOnly FoundedOn, DateOnly? TermEndsOn = null);

/// <summary>One screen of the registry, the cursor of the next (null on the last) and how many bodies match in all.</summary>
public sealed record BodySlice(IReadOnlyList<FederationBody> Items, string? Next, int Total);

public sealed record FederationBody(
    Guid Id,
    string Name,
    FederationKind Kind,
    string KindName,
    FoundingMode Mode,
    Sector Sector,
    string RegionCode,
    FederationBodyStatus Status,
    DateOnly? FoundedOn,
    DateOnly? TermEndsOn,
    string? RegistrationNumber,
    IReadOnlyList<Guid> OrganizationIds,
    IReadOnlyList<BodyLeader> Leaders,
    Guid? FoundingRequestId,
    IReadOnlyList<BodyLeader>? FormerLeaders = null);

/// <summary>The registry of founded bodies and micro-homes, with their member organizations and leadership.</summary>
public sealed class RegistryService(FederationWriter writer)
{
    public const int MaxSliceSize = 200;

    /// <summary>
    /// One screen of the registry by keyset (region, name, id), the ledger's way: however many bodies a city holds, the
    /// next screen seeks past <paramref name="after"/> rather than skipping rows. <see cref="BodySlice.Total"/> counts every match.
    /// </summary>
    public async Task<BodySlice> SliceAsync(string within, FederationKind? kind, string? after, int size, CancellationToken cancellationToken = default)
    {
        size = Math.Clamp(size, 1, MaxSliceSize);
        await using var db = await writer.ReadAsync(cancellationToken);
        var query = db.Bodies.AsNoTracking().Within(b => b.RegionCode, within);
        if (kind is not null) query = query.Where(b => b.Kind == kind);
        var total = await query.CountAsync(cancellationToken);
        if (KeysetCursor.Read(after) is var (region, name, id))
        {
            // The two-argument string.Compare translates to the database's ordinal comparison, the one ORDER BY uses (see LedgerBrowse).
#pragma warning disable CA1309
            query = query.Where(b => string.Compare(b.RegionCode, region) > 0
                || b.RegionCode == region && (string.Compare(b.Name, name) > 0 || b.Name == name && b.Id > id));
#pragma warning restore CA1309
        }
        var rows = await query.AsSplitQuery().Include(b => b.Members).Include(b => b.Leaders)
            .OrderBy(b => b.RegionCode).ThenBy(b => b.Name).ThenBy(b => b.Id).Take(size + 1).ToListAsync(cancellationToken);
        var last = rows.Count > size ? rows[size - 1] : null;
        return new BodySlice([.. rows.Take(size).Select(View)], last is null ? null : KeysetCursor.Write(last.RegionCode, last.Name, last.Id), total);
    }

    public async Task<FederationBody> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await writer.ReadAsync(cancellationToken);
        var row = await db.Bodies.AsNoTracking().AsSplitQuery().Include(b => b.Members).Include(b => b.Leaders).SingleOrDefaultAsync(b => b.Id == id, cancellationToken)
            ?? throw new FederationException(FederationError.NotFound, new CodedMessage("not-found.body", $"找不到妇联组织 {id}", $"no federation body {id}"));
        return View(row);
    }

    /// <summary>Every founded body, however many: for planners that sweep them all (not screen by screen).</summary>
    public async Task<IReadOnlyList<FoundedBody>> FoundedAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await writer.ReadAsync(cancellationToken);
        return await db.Bodies.AsNoTracking().Where(b => b.Status == FederationBodyStatus.Founded && b.FoundedOn != null)
            .Select(b => new FoundedBody(b.Id, b.Name, b.Kind, b.RegionCode, b.FoundedOn!.Value, b.TermEndsOn)).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyDictionary<Guid, string>> NamesAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken = default)
    {
        await using var db = await writer.ReadAsync(cancellationToken);
        return await db.Bodies.AsNoTracking().Where(b => ids.Contains(b.Id)).ToDictionaryAsync(b => b.Id, b => b.Name, cancellationToken);
    }

    /// <summary>Links a leader to the account she uses (or unlinks her with null), so rotations and duty groups can name her; linking withdraws her open invitation.</summary>
    public async Task<FederationBody> LinkLeaderAsync(Guid bodyId, Guid leaderId, Guid? userId, CancellationToken cancellationToken = default)
    {
        await writer.WriteAsync(async db =>
        {
            var leader = await db.BodyLeaders.SingleOrDefaultAsync(l => l.BodyId == bodyId && l.Id == leaderId, cancellationToken)
                ?? throw new FederationException(FederationError.NotFound, new CodedMessage("not-found.leader", $"妇联组织 {bodyId} 没有领导成员 {leaderId}", $"body {bodyId} has no leader {leaderId}"));
            leader.UserId = userId;
            // Linked by hand, she needs no account of her own from an invitation: its open code must stop working.
            if (userId is not null)
                db.LeaderInvitations.RemoveRange(await db.LeaderInvitations.Where(i => i.LeaderId == leaderId && i.AcceptedAt == null).ToListAsync(cancellationToken));
            return await db.SaveChangesAsync(cancellationToken);
        }, cancellationToken);
        return await GetAsync(bodyId, cancellationToken);
    }

    private static FederationBody View(FederationBodyRow b) => new(b.Id, b.Name, b.Kind, b.Kind.ChineseName(), b.Mode, b.Sector, b.RegionCode, b.Status,
        b.FoundedOn, b.TermEndsOn, b.RegistrationNumber, b.Members.Select(m => m.OrganizationId).ToList(),
        [.. LeaderTerms.Current(b.Leaders).OrderBy(l => l.Order).Select(Leader)], b.FoundingRequestId,
        [.. b.Leaders.Except(LeaderTerms.Current(b.Leaders)).OrderBy(l => l.TermStart).ThenBy(l => l.Order).Select(Leader)]);

    private static BodyLeader Leader(BodyLeaderRow l) => new(l.Name, l.Role, l.Organization, l.TermStart, l.TermEnd, l.Id, l.UserId);
}
