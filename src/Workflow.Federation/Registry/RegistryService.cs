using Microsoft.EntityFrameworkCore;
using Workflow.Federation.Common;
using Workflow.Federation.Kinds;
using Workflow.Federation.Ledger;
using Workflow.Federation.Storage;

namespace Workflow.Federation.Registry;

public sealed record BodyLeader(string Name, LeaderRole Role, string? Organization, DateOnly TermStart, DateOnly TermEnd);

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
    Guid? FoundingRequestId);

/// <summary>The registry of founded bodies and micro-homes, with their member organizations and leadership.</summary>
public sealed class RegistryService(FederationWriter writer)
{
    public async Task<IReadOnlyList<FederationBody>> ListAsync(string within, FederationKind? kind, CancellationToken cancellationToken = default)
    {
        await using var db = await writer.ReadAsync(cancellationToken);
        var query = db.Bodies.AsNoTracking().AsSplitQuery().Include(b => b.Members).Include(b => b.Leaders).Where(b => b.RegionCode.StartsWith(within));
        if (kind is not null) query = query.Where(b => b.Kind == kind);
        var rows = await query.OrderBy(b => b.RegionCode).ThenBy(b => b.Name).Take(1000).ToListAsync(cancellationToken);
        return rows.Select(View).ToList();
    }

    public async Task<FederationBody> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await writer.ReadAsync(cancellationToken);
        var row = await db.Bodies.AsNoTracking().AsSplitQuery().Include(b => b.Members).Include(b => b.Leaders).SingleOrDefaultAsync(b => b.Id == id, cancellationToken)
            ?? throw new FederationException(FederationError.NotFound, new CodedMessage("not-found.body", $"找不到妇联组织 {id}", $"no federation body {id}"));
        return View(row);
    }

    private static FederationBody View(FederationBodyRow b) => new(b.Id, b.Name, b.Kind, b.Kind.ChineseName(), b.Mode, b.Sector, b.RegionCode, b.Status,
        b.FoundedOn, b.TermEndsOn, b.RegistrationNumber, b.Members.Select(m => m.OrganizationId).ToList(),
        b.Leaders.OrderBy(l => l.Order).Select(l => new BodyLeader(l.Name, l.Role, l.Organization, l.TermStart, l.TermEnd)).ToList(), b.FoundingRequestId);
}
