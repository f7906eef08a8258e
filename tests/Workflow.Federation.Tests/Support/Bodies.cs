using Workflow.Federation.Kinds;
using Workflow.Federation.Ledger;
using Workflow.Federation.Registry;

namespace Workflow.Federation.Tests.Support;

/// <summary>Registry rows for coverage tests; the registry feature that founds them is built elsewhere.</summary>
public static class Bodies
{
    public static async Task<FederationBodyRow> FoundAsync(FederationHost host, string name, string region, FederationKind kind, Sector sector,
        DateOnly foundedOn, params Guid[] members)
    {
        var body = new FederationBodyRow
        {
            Id = Guid.NewGuid(), Name = name, Kind = kind, Mode = kind == FederationKind.MicroHome ? FoundingMode.Hosted : FoundingMode.Standalone,
            Sector = sector, RegionCode = region, Status = FederationBodyStatus.Founded, FoundedOn = foundedOn,
        };
        body.Members.AddRange(members.Select(m => new FederationBodyMemberRow { BodyId = body.Id, OrganizationId = m }));
        await using var db = await host.DbAsync();
        db.Bodies.Add(body);
        await db.SaveChangesAsync();
        return body;
    }

    /// <summary>The body's executive committee for its first term, each member linked to the account given: a chair first, then members.</summary>
    public static async Task AddExecutivesAsync(FederationHost host, FederationBodyRow body, IReadOnlyList<Guid> accounts)
    {
        var founded = body.FoundedOn ?? throw new ArgumentException("a founded body", nameof(body));
        await using var db = await host.DbAsync();
        db.BodyLeaders.AddRange(accounts.Select((account, i) => new BodyLeaderRow
        {
            Id = Guid.NewGuid(), BodyId = body.Id, Name = $"执委{i + 1}", Role = i == 0 ? LeaderRole.Chair : LeaderRole.ExecutiveMember, Order = i,
            TermStart = founded, TermEnd = founded.AddYears(5), UserId = account,
        }));
        await db.SaveChangesAsync();
    }
}
