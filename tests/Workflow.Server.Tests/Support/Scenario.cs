using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Workflow.Server.Accounts;

namespace Workflow.Server.Tests.Support;

/// <summary>A town officer, two superior-federation approvers of the same town, and one of the neighbouring town, each signed in.</summary>
public sealed class Scenario
{
    public required HttpClient Officer { get; init; }
    public required HttpClient Approver { get; init; }
    public required HttpClient Colleague { get; init; }
    public required Guid ColleagueId { get; init; }
    public required string ApproverName { get; init; }
    public required HttpClient NeighbourApprover { get; init; }
    public required HttpClient PartyApprover { get; init; }

    public static async Task<Scenario> CreateAsync(ServiceFactory factory)
    {
        await factory.SeedRegionsAsync();
        var tag = Guid.NewGuid().ToString("N")[..6];
        await factory.CreateUserAsync($"officer-{tag}", Roles.Officer, TestRegions.Town);
        await factory.CreateUserAsync($"approver-{tag}", Roles.Approver, TestRegions.Town, ApproverKinds.SuperiorFederation);
        var colleague = await factory.CreateUserAsync($"colleague-{tag}", Roles.Approver, TestRegions.District, ApproverKinds.SuperiorFederation);
        await factory.CreateUserAsync($"neighbour-{tag}", Roles.Approver, TestRegions.NeighbourTown, ApproverKinds.SuperiorFederation);
        await factory.CreateUserAsync($"party-{tag}", Roles.Approver, TestRegions.Town, ApproverKinds.PartyOrganization);
        return new Scenario
        {
            Officer = await factory.SignInAsync($"officer-{tag}"),
            Approver = await factory.SignInAsync($"approver-{tag}"),
            ApproverName = $"approver-{tag}",
            Colleague = await factory.SignInAsync($"colleague-{tag}"),
            ColleagueId = colleague,
            NeighbourApprover = await factory.SignInAsync($"neighbour-{tag}"),
            PartyApprover = await factory.SignInAsync($"party-{tag}"),
        };
    }

    /// <summary>Starts the sample approval for a village of the officer's town; returns the instance and its first task.</summary>
    public async Task<(Guid Instance, Guid Task)> StartApprovalAsync(string regionCode = TestRegions.Village, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/instances")
        {
            Content = JsonContent.Create(new { definitionId = "approval", input = new JsonObject { ["regionCode"] = regionCode, ["name"] = "官桥镇某企业妇联" } }),
        };
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        var response = await Officer.SendAsync(request);
        var body = await response.ReadObjectAsync();
        Assert.True(response.IsSuccessStatusCode, body.ToJsonString());
        return (Guid.Parse((string)body["instanceId"]!), Guid.Parse((string)body["tasks"]![0]!));
    }
}
