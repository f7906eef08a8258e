using System.Net;
using System.Text.Json.Nodes;
using Workflow.Server.Accounts;
using Workflow.Server.Tests.Foundings;
using Workflow.Server.Tests.Support;

namespace Workflow.Server.Tests.Ledger;

/// <summary>GET /api/organizations reads the ledger a screen at a time by keyset, in the caller's region only.</summary>
public sealed class LedgerQueryTests(ServiceFactory factory) : IClassFixture<ServiceFactory>
{
    [Fact]
    public async Task TheLedger_PagesByKeyset_ThroughEveryRowOnce_AndFiltersByPartyOrganization()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        await factory.CreateUserAsync($"lq-officer-{tag}", Roles.Officer, TestRegions.Town);
        var officer = await factory.SignInAsync($"lq-officer-{tag}");
        var team = new FoundingTeam { Tag = tag, Officer = officer, Party = officer, Superior = officer, Registrar = officer, NeighbourOfficer = officer };
        for (var i = 1; i <= 5; i++) await team.AddOrganizationAsync($"键集{tag}第{i}石材有限公司", staff: 50, women: 20, party: i <= 2 ? "none" : "own");

        var seen = new List<string>();
        string? after = null;
        var screens = 0;
        do
        {
            var slice = await (await officer.GetAsync($"/api/organizations?text=键集{tag}&pageSize=2" + (after is null ? "" : $"&after={after}"))).ReadObjectAsync();
            seen.AddRange(((JsonArray)slice["items"]!).Select(o => (string)o!["facts"]!["name"]!));
            after = (string?)slice["next"];
            screens++;
        }
        while (after is not null);

        Assert.Equal(3, screens);
        Assert.Equal(Enumerable.Range(1, 5).Select(i => $"键集{tag}第{i}石材有限公司"), seen);
        var withoutParty = await (await officer.GetAsync($"/api/organizations?text=键集{tag}&partyOrganization=false")).ReadObjectAsync();
        Assert.Equal(2, ((JsonArray)withoutParty["items"]!).Count);
    }

    [Fact]
    public async Task AnOversizedScreen_IsClampedNotRefused_AndAnotherRegionIsRefused()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        await factory.CreateUserAsync($"lq-town-{tag}", Roles.Officer, TestRegions.Town);
        var officer = await factory.SignInAsync($"lq-town-{tag}");
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync("/api/organizations?pageSize=100000")).StatusCode);
        await (await officer.GetAsync($"/api/organizations?region={TestRegions.NeighbourTown}")).AssertProblemAsync(403, "forbidden");
    }
}
