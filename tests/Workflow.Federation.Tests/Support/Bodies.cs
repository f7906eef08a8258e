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
}
