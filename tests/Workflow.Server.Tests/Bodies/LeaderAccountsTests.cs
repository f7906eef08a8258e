using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Workflow.Server.Accounts;
using Workflow.Server.Tests.Support;

namespace Workflow.Server.Tests.Bodies;

/// <summary>Elected leaders are names until an officer links them to accounts; then rotations and duty groups follow them without being told who.</summary>
public sealed class LeaderAccountsTests(ServiceFactory factory) : IClassFixture<ServiceFactory>
{
    [Fact]
    public async Task LinkedLeaders_MakeTheDefaultRotationOrder_AndTheDefaultDutyGroups()
    {
        var tag = Guid.NewGuid().ToString("N")[..5];
        var body = await factory.RegisteredBodyAsync();
        await factory.AddLeadersAsync(body);
        await factory.CreateUserAsync($"la-officer{tag}", Roles.Officer, TestRegions.Town);
        var officer = await factory.SignInAsync($"la-officer{tag}");
        var leaders = (JsonArray)(await (await officer.GetAsync($"/api/bodies/{body}")).ReadObjectAsync())["leaders"]!;
        Assert.Equal(7, leaders.Count);

        await (await officer.PutAsJsonAsync($"/api/bodies/{body}/rotation", new { start = "2027-01-01" })).AssertProblemAsync(400, "validation");
        var accounts = new List<Guid>();
        foreach (var leader in leaders)
        {
            var account = await factory.CreateChairAsync($"la-{accounts.Count}{tag}");
            accounts.Add(account);
            var linked = await officer.PutAsJsonAsync($"/api/bodies/{body}/leaders/{leader!["id"]}/account", new { userId = account });
            Assert.Equal(HttpStatusCode.OK, linked.StatusCode);
        }

        var rotation = await (await officer.PutAsJsonAsync($"/api/bodies/{body}/rotation", new { start = "2027-01-01" })).ReadObjectAsync();
        Assert.Equal(accounts.Take(3).Select(a => a.ToString()), ((JsonArray)rotation["order"]!).Select(o => (string?)o));
        var groups = await (await officer.PutAsJsonAsync($"/api/bodies/{body}/duty-groups", new { start = "2027-01-01", groups = 2, minSize = 3, maxSize = 4 })).ReadObjectAsync();
        Assert.Equal(7, ((JsonArray)groups["groups"]!).Sum(g => ((JsonArray)g!["memberIds"]!).Count));
    }

    [Fact]
    public async Task ALinkIsRefused_ForTheWrongRole_ATakenAccount_AnUnknownLeader_OrAnotherRegion()
    {
        var tag = Guid.NewGuid().ToString("N")[..5];
        var body = await factory.RegisteredBodyAsync();
        await factory.AddLeadersAsync(body);
        await factory.CreateUserAsync($"lr-officer{tag}", Roles.Officer, TestRegions.Town);
        await factory.CreateUserAsync($"lr-neighbour{tag}", Roles.Officer, TestRegions.NeighbourTown);
        var officer = await factory.SignInAsync($"lr-officer{tag}");
        var neighbour = await factory.SignInAsync($"lr-neighbour{tag}");
        var leaders = (JsonArray)(await (await officer.GetAsync($"/api/bodies/{body}")).ReadObjectAsync())["leaders"]!;
        var (chair, vice) = ((string)leaders[0]!["id"]!, (string)leaders[1]!["id"]!);
        var notAChair = await factory.CreateUserAsync($"lr-staff{tag}", Roles.Officer, TestRegions.Village);
        var account = await factory.CreateChairAsync($"lr-chair{tag}");

        await (await officer.PutAsJsonAsync($"/api/bodies/{body}/leaders/{chair}/account", new { userId = notAChair })).AssertProblemAsync(400, "validation");
        Assert.Equal(HttpStatusCode.OK, (await officer.PutAsJsonAsync($"/api/bodies/{body}/leaders/{chair}/account", new { userId = account })).StatusCode);
        await (await officer.PutAsJsonAsync($"/api/bodies/{body}/leaders/{vice}/account", new { userId = account })).AssertProblemAsync(400, "validation");
        await (await officer.PutAsJsonAsync($"/api/bodies/{body}/leaders/{Guid.NewGuid()}/account", new { userId = account })).AssertProblemAsync(404, "not-found");
        await (await neighbour.PutAsJsonAsync($"/api/bodies/{body}/leaders/{chair}/account", new { userId = account })).AssertProblemAsync(404, "not-found");

        var unlinked = await (await officer.PutAsJsonAsync($"/api/bodies/{body}/leaders/{chair}/account", new { userId = (Guid?)null })).ReadObjectAsync();
        Assert.Null((string?)((JsonArray)unlinked["leaders"]!)[0]!["userId"]);
    }
}
