using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Workflow.Engine.Journal;
using Workflow.Persistence.Storage;
using Workflow.Server.Accounts;
using Workflow.Server.Tests.Support;

namespace Workflow.Server.Tests.Nodes;

/// <summary>Any node serves any request: two nodes on one PostgreSQL database, each request sent to either of them.</summary>
public sealed class TwoNodesTests
{
    [Fact]
    public async Task ATaskDecidedThroughBothNodesAtOnce_GivesOneTransitionAndOneConflict()
    {
        await using var nodes = await TwoNodes.StartAsync();
        var scenario = await Scenario.CreateAsync(nodes.A);
        var onB = nodes.B.WithToken(TokenOf(scenario.Approver));

        for (var round = 0; round < 10; round++)
        {
            var (instance, task) = await scenario.StartApprovalAsync();
            var answers = await Task.WhenAll(Decide(scenario.Approver, task), Decide(onB, task));

            Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], answers.Select(a => a.StatusCode).Order());
            // Which of the two conflicts depends on whether the loser read the task before or after the winner committed.
            var conflict = await answers.Single(a => a.StatusCode == HttpStatusCode.Conflict).ReadObjectAsync();
            Assert.Contains((string?)conflict["type"], new[] { "urn:workflow:problem:concurrency-conflict", "urn:workflow:problem:task-already-decided" });
            Assert.Equal(1, await TwoNodes.EngineRowsAsync(nodes.B, db => db.Journal.CountAsync(j => j.InstanceId == instance && j.Kind == JournalKind.Resumed)));
        }
    }

    [Fact]
    public async Task ATokenIssuedByOneNode_WorksOnTheOther_UntilASignOutEverywhereOnTheFirst()
    {
        await using var nodes = await TwoNodes.StartAsync();
        var name = Sessions.UniqueName("nodes");
        await nodes.A.CreateUserAsync(name, Roles.Officer, TestRegions.Town);
        var fromA = await nodes.A.SignInForTokensAsync(name);

        Assert.Equal(HttpStatusCode.OK, (await nodes.B.MeAsync(fromA.AccessToken)).StatusCode);
        var refreshedOnB = await nodes.B.RefreshAsync(fromA.RefreshToken);
        Assert.Equal(HttpStatusCode.OK, refreshedOnB.StatusCode);
        var pair = (await refreshedOnB.Content.ReadFromJsonAsync<TokenPair>(Json.Options))!;
        Assert.Equal(HttpStatusCode.NoContent, (await nodes.A.WithToken(pair.AccessToken).PostAsync("/api/auth/signout-everywhere", null)).StatusCode);
        // Node B trusts the stamp it read for up to Auth:SessionCheckSeconds (5 s) on its clock.
        nodes.Advance(TimeSpan.FromSeconds(5));

        await (await nodes.B.MeAsync(pair.AccessToken)).AssertProblemAsync(401, "unauthorized");
        await (await nodes.B.RefreshAsync(pair.RefreshToken)).AssertProblemAsync(401, "invalid-refresh-token");
    }

    [Fact]
    public async Task AnIdempotencyKeyUsedOnOneNode_ReplaysOnTheOther()
    {
        await using var nodes = await TwoNodes.StartAsync();
        var scenario = await Scenario.CreateAsync(nodes.A);
        var key = Guid.NewGuid().ToString("N");
        var (first, _) = await scenario.StartApprovalAsync(idempotencyKey: key);

        var retry = new HttpRequestMessage(HttpMethod.Post, "/api/instances")
        {
            Content = JsonContent.Create(new { definitionId = "approval", input = new JsonObject { ["regionCode"] = TestRegions.Village, ["name"] = "官桥镇某企业妇联" } }),
        };
        retry.Headers.Add("Idempotency-Key", key);
        var replayed = await (await nodes.B.WithToken(TokenOf(scenario.Officer)).SendAsync(retry)).ReadObjectAsync();

        Assert.Equal(first, Guid.Parse((string)replayed["instanceId"]!));
        Assert.Equal(1, await TwoNodes.EngineRowsAsync(nodes.B, db => db.Instances.CountAsync(i => i.DefinitionId == "approval")));
    }

    [Fact]
    public async Task FailedSignInsUnderAnUnknownName_CountOnEveryNode()
    {
        await using var nodes = await TwoNodes.StartAsync();
        var name = Sessions.UniqueName("nobody");
        // The default threshold is five failures: three on one node and two on the other reach it.
        foreach (var node in new[] { nodes.A, nodes.B, nodes.A, nodes.B, nodes.A })
            await (await WrongPassword(node, name)).AssertProblemAsync(401, "invalid-credentials");

        await (await WrongPassword(nodes.B, name)).AssertProblemAsync(423, "account-locked");
        await (await WrongPassword(nodes.A, name)).AssertProblemAsync(423, "account-locked");
    }

    [Fact]
    public async Task FailedSignInsOfOneAccountAtOnceOnBothNodes_EachCount()
    {
        await using var nodes = await TwoNodes.StartAsync();
        var name = Sessions.UniqueName("officer");
        await nodes.A.CreateUserAsync(name, Roles.Officer, TestRegions.Town);

        // Four at once on each node: eight failures, past the threshold of five even if none were lost to another's write.
        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => WrongPassword(i % 2 == 0 ? nodes.A : nodes.B, name)));
        Assert.All(answers, a => Assert.Contains((int)a.StatusCode, new[] { 401, 423 }));

        var correct = await nodes.B.CreateClient().PostAsJsonAsync("/api/auth/token", new { userName = name, password = ServiceFactory.Password });
        await correct.AssertProblemAsync(423, "account-locked");
    }

    private static string TokenOf(HttpClient client) => client.DefaultRequestHeaders.Authorization!.Parameter!;

    private static Task<HttpResponseMessage> Decide(HttpClient client, Guid task) =>
        client.PostAsJsonAsync($"/api/tasks/{task}/decision", new { outcome = "approve", form = new { opinion = "同意" } });

    private static Task<HttpResponseMessage> WrongPassword(ServiceFactory node, string userName) =>
        node.CreateClient().PostAsJsonAsync("/api/auth/token", new { userName, password = "not-the-password-1" });
}
