using System.Net;
using System.Net.Http.Json;
using Workflow.Server.Tests.Support;

namespace Workflow.Server.Tests.Foundings;

/// <summary>
/// Opening a request judges the chosen kind and mode against the recommendation the wizard shows, neighbours and partners
/// included: a founding that follows it needs no reason, one that departs from it does.
/// </summary>
public sealed class FoundingRecommendationTests(ServiceFactory factory) : IClassFixture<ServiceFactory>
{
    [Fact]
    public async Task TwoNeighbouringBases_FoundJointlyWithoutAReason_ButOneAloneNeedsOne()
    {
        await factory.SeedRegionsAsync();
        var team = await FoundingTeam.CreateAsync(factory);
        // Seed 004: two small bases of one township, each short of women on its own, together enough.
        var photovoltaic = await team.AddOrganizationAsync("霞美电子光伏产业基地", staff: 40, women: 6, kind: "industrialBase");
        var machinery = await team.AddOrganizationAsync("霞美机械制造装备基地", staff: 50, women: 7, kind: "industrialBase");

        var alone = await team.Officer.PostAsJsonAsync("/api/foundings", new { organizationIds = new[] { photovoltaic }, name = "霞美电子光伏产业基地妇联", kind = "industrialBase", mode = "standalone" });
        var problem = await alone.AssertProblemAsync(400, "validation");
        Assert.Contains("产业基地", (string?)problem["errors"]!["modeReason"]![0], StringComparison.Ordinal);

        var joint = await team.Officer.PostAsJsonAsync("/api/foundings", new { organizationIds = new[] { photovoltaic, machinery }, name = "霞美镇产业基地联合妇联", kind = "industrialBase", mode = "joint" });
        var opened = await joint.ReadObjectAsync();
        Assert.Equal(HttpStatusCode.Created, joint.StatusCode);
        Assert.Null(opened["modeReason"]);
    }
}
