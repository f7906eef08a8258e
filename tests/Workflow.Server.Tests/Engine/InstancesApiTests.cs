using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Workflow.Server.Tests.Support;

namespace Workflow.Server.Tests.Engine;

public sealed class InstancesApiTests(ServiceFactory factory) : IClassFixture<ServiceFactory>
{
    [Fact]
    public async Task StartingTwiceWithOneIdempotencyKey_StartsOneInstance_AndReplaysTheFirstAnswer()
    {
        var s = await Scenario.CreateAsync(factory);
        var key = Guid.NewGuid().ToString();
        var first = await s.StartApprovalAsync(idempotencyKey: key);
        var second = await s.StartApprovalAsync(idempotencyKey: key);
        Assert.Equal(first, second);
        var third = await s.StartApprovalAsync(idempotencyKey: Guid.NewGuid().ToString());
        Assert.NotEqual(first.Instance, third.Instance);
    }

    [Fact]
    public async Task ConcurrentRetriesWithOneKey_NeverStartTwoInstances()
    {
        var s = await Scenario.CreateAsync(factory);
        var key = Guid.NewGuid().ToString();
        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/instances")
            {
                Content = JsonContent.Create(new { definitionId = "approval", input = new JsonObject { ["regionCode"] = TestRegions.Village } }),
            };
            request.Headers.Add("Idempotency-Key", key);
            return s.Officer.SendAsync(request);
        }));
        var created = new HashSet<string>();
        foreach (var r in responses)
        {
            Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, r.StatusCode.ToString());
            if (r.StatusCode == HttpStatusCode.Created) created.Add((string)(await r.ReadObjectAsync())["instanceId"]!);
        }
        Assert.Single(created);
    }

    [Fact]
    public async Task ReusingAKeyForADifferentRequest_Is422()
    {
        var s = await Scenario.CreateAsync(factory);
        var key = Guid.NewGuid().ToString();
        await s.StartApprovalAsync(TestRegions.Village, key);
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/instances")
        {
            Content = JsonContent.Create(new { definitionId = "approval", input = new JsonObject { ["regionCode"] = TestRegions.Town } }),
        };
        request.Headers.Add("Idempotency-Key", key);
        await (await s.Officer.SendAsync(request)).AssertProblemAsync(422, "idempotency-key-reused");
    }

    [Fact]
    public async Task AnAdmin_ListsReadsVerifiesAndCancelsInstances()
    {
        var s = await Scenario.CreateAsync(factory);
        var (instance, task) = await s.StartApprovalAsync();
        var admin = await factory.AdminAsync();

        var page = await (await admin.GetAsync("/api/instances?status=blocked&definitionId=approval&pageSize=200")).ReadObjectAsync();
        Assert.Contains((JsonArray)page["items"]!, i => (string?)i!["id"] == instance.ToString());
        var view = await (await admin.GetAsync($"/api/instances/{instance}")).ReadObjectAsync();
        Assert.Equal(task.ToString(), (string?)view["bookmarks"]![0]!["id"]);
        var check = await (await admin.GetAsync($"/api/instances/{instance}/journal/verification")).ReadObjectAsync();
        Assert.True((bool)check["valid"]!);

        var cancelled = await (await admin.PostAsJsonAsync($"/api/instances/{instance}/cancel", new { reason = "重复申请" })).ReadObjectAsync();
        Assert.Equal("cancelled", (string?)cancelled["status"]);
        await (await s.Approver.PostAsJsonAsync($"/api/tasks/{task}/decision", new { outcome = "approve" })).AssertProblemAsync(404, "not-found");
    }

    [Fact]
    public async Task StartingAnUnknownWorkflow_Is404()
    {
        var s = await Scenario.CreateAsync(factory);
        var response = await s.Officer.PostAsJsonAsync("/api/instances", new { definitionId = "no-such-flow", input = new JsonObject { ["regionCode"] = TestRegions.Village } });
        await response.AssertProblemAsync(404, "not-found");
    }
}
