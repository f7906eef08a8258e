using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Workflow.Server.Tests.Support;

namespace Workflow.Server.Tests.Tasks;

public abstract class InboxTests(ServiceFactory factory)
{
    private static async Task<JsonArray> InboxAsync(HttpClient client, string query = "")
    {
        var page = await (await client.GetAsync("/api/tasks" + query)).ReadObjectAsync();
        return (JsonArray)page["items"]!;
    }

    private static bool Contains(JsonArray items, Guid task) => items.Any(i => (string?)i!["id"] == task.ToString());

    [Fact]
    public async Task AnApprovalRunsEndToEnd_ThroughTheInbox()
    {
        var s = await Scenario.CreateAsync(factory);
        var (instance, task) = await s.StartApprovalAsync();

        var inbox = await InboxAsync(s.Approver);
        var item = inbox.Single(i => (string?)i!["id"] == task.ToString())!;
        Assert.Equal("审批组建申请", (string?)item["title"]);
        Assert.Equal(instance.ToString(), (string?)item["instanceId"]);
        Assert.NotNull(item["dueAt"]);

        var detail = await (await s.Approver.GetAsync($"/api/tasks/{task}")).ReadObjectAsync();
        Assert.Equal(["approve", "return", "reject"], ((JsonArray)detail["outcomes"]!).Select(o => (string)o!));
        Assert.Equal("opinion", (string?)detail["form"]![0]!["name"]);

        var decided = await s.Approver.PostAsJsonAsync($"/api/tasks/{task}/decision", new { outcome = "approve", comment = "材料齐全", form = new { opinion = "同意筹建" } });
        var result = await decided.ReadObjectAsync();
        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        Assert.Equal("finished", (string?)result["status"]);
        Assert.Equal("approved", (string?)result["result"]);

        Assert.False(Contains(await InboxAsync(s.Approver), task));
        var history = await (await s.Approver.GetAsync("/api/tasks/decided")).ReadObjectAsync();
        Assert.Contains(((JsonArray)history["items"]!), d => (string?)d!["taskId"] == task.ToString() && (string?)d["outcome"] == "approve");
        var journal = (JsonArray)JsonNode.Parse(await s.Officer.GetStringAsync($"/api/instances/{instance}/journal"))!;
        Assert.Contains(journal, e => (string?)e!["actor"] == s.ApproverName && (string?)e["outcome"] == "approve");
    }

    [Fact]
    public async Task AReturnedRequest_ComesBackToTheOfficer_AndGoesOnAfterResubmission()
    {
        var s = await Scenario.CreateAsync(factory);
        var (_, task) = await s.StartApprovalAsync();
        var returned = await (await s.Approver.PostAsJsonAsync($"/api/tasks/{task}/decision", new { outcome = "return", comment = "缺少党组织意见" })).ReadObjectAsync();
        var revise = Guid.Parse((string)returned["nextTasks"]![0]!);

        Assert.True(Contains(await InboxAsync(s.Officer), revise));
        var resubmitted = await (await s.Officer.PostAsJsonAsync($"/api/tasks/{revise}/decision", new { outcome = "resubmit" })).ReadObjectAsync();
        var again = Guid.Parse((string)resubmitted["nextTasks"]![0]!);
        Assert.True(Contains(await InboxAsync(s.Approver), again));
    }

    [Fact]
    public async Task AClaimedTask_LeavesColleaguesInboxes_AndOnlyTheHolderMayDecide()
    {
        var s = await Scenario.CreateAsync(factory);
        var (_, task) = await s.StartApprovalAsync();
        Assert.True(Contains(await InboxAsync(s.Colleague), task));

        Assert.Equal(HttpStatusCode.OK, (await s.Approver.PostAsync($"/api/tasks/{task}/claim", null)).StatusCode);
        Assert.False(Contains(await InboxAsync(s.Colleague), task));
        Assert.True(Contains(await InboxAsync(s.Colleague, "?show=all"), task));
        Assert.True(Contains(await InboxAsync(s.Approver, "?show=mine"), task));

        var refused = await (await s.Colleague.PostAsJsonAsync($"/api/tasks/{task}/decision", new { outcome = "approve" })).AssertProblemAsync(409, "task-claimed");
        Assert.Equal(s.ApproverName, (string?)refused["claimedBy"]);
        await (await s.Colleague.PostAsync($"/api/tasks/{task}/claim", null)).AssertProblemAsync(409, "task-claimed");
    }

    [Fact]
    public async Task ADelegatedTask_MovesToTheColleague_WhoCanDecideIt()
    {
        var s = await Scenario.CreateAsync(factory);
        var (_, task) = await s.StartApprovalAsync();
        var delegated = await s.Approver.PostAsJsonAsync($"/api/tasks/{task}/delegate", new { userId = s.ColleagueId, note = "出差，请代为审批" });
        Assert.Equal(HttpStatusCode.OK, delegated.StatusCode);

        Assert.True(Contains(await InboxAsync(s.Colleague, "?show=mine"), task));
        await (await s.Approver.PostAsJsonAsync($"/api/tasks/{task}/decision", new { outcome = "approve" })).AssertProblemAsync(409, "task-claimed");
        Assert.Equal(HttpStatusCode.OK, (await s.Colleague.PostAsJsonAsync($"/api/tasks/{task}/decision", new { outcome = "approve" })).StatusCode);
    }

    [Fact]
    public async Task DelegatingToSomeoneWithoutTheRoleOrRegion_IsRefused()
    {
        var s = await Scenario.CreateAsync(factory);
        var (_, task) = await s.StartApprovalAsync();
        var party = await (await s.PartyApprover.GetAsync("/api/auth/me")).ReadObjectAsync();
        var problem = await (await s.Approver.PostAsJsonAsync($"/api/tasks/{task}/delegate", new { userId = (string)party["id"]! })).AssertProblemAsync(400, "validation");
        Assert.Contains("approver kind", (string?)problem["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task DecidingATaskAlreadyDecided_Is409_NamingWhoDecidedIt()
    {
        var s = await Scenario.CreateAsync(factory);
        var (_, task) = await s.StartApprovalAsync();
        Assert.Equal(HttpStatusCode.OK, (await s.Approver.PostAsJsonAsync($"/api/tasks/{task}/decision", new { outcome = "approve" })).StatusCode);

        var problem = await (await s.Colleague.PostAsJsonAsync($"/api/tasks/{task}/decision", new { outcome = "reject" })).AssertProblemAsync(409, "task-already-decided");
        Assert.Equal(s.ApproverName, (string?)problem["decidedBy"]);
    }

    [Fact]
    public async Task TwoClientsDecidingOneTaskAtOnce_OneWinsAndTheOtherGets409()
    {
        var s = await Scenario.CreateAsync(factory);
        for (var round = 0; round < 15; round++)
        {
            var (instance, task) = await s.StartApprovalAsync();
            var answers = await Task.WhenAll(
                s.Approver.PostAsJsonAsync($"/api/tasks/{task}/decision", new { outcome = "approve" }),
                s.Colleague.PostAsJsonAsync($"/api/tasks/{task}/decision", new { outcome = "reject" }));
            Assert.Equal(1, answers.Count(a => a.StatusCode == HttpStatusCode.OK));
            var loser = answers.Single(a => a.StatusCode != HttpStatusCode.OK);
            var problem = await loser.ReadObjectAsync();
            Assert.Equal(409, (int)loser.StatusCode);
            Assert.Contains((string?)problem["type"], new[] { "urn:workflow:problem:concurrency-conflict", "urn:workflow:problem:task-already-decided" });

            var journal = (JsonArray)JsonNode.Parse(await s.Officer.GetStringAsync($"/api/instances/{instance}/journal"))!;
            Assert.Single(journal, e => (string?)e!["kind"] == "resumed");
        }
    }

    [Fact]
    public async Task AMissingRequiredFieldOrUnknownOutcome_IsRefusedAndTheTaskStaysOpen()
    {
        var s = await Scenario.CreateAsync(factory);
        var (_, task) = await s.StartApprovalAsync();
        await (await s.Approver.PostAsJsonAsync($"/api/tasks/{task}/decision", new { outcome = "maybe" })).AssertProblemAsync(400, "invalid-payload");
        await (await s.Approver.PostAsJsonAsync($"/api/tasks/{task}/decision", new { outcome = "approve", form = new { opinion = 42 } })).AssertProblemAsync(400, "invalid-payload");
        Assert.True(Contains(await InboxAsync(s.Approver), task));
    }
}

public sealed class InboxTestsOnSqlite(ServiceFactory factory) : InboxTests(factory), IClassFixture<ServiceFactory>;

public sealed class InboxTestsOnPostgreSql(PostgreSqlService service) : InboxTests(service.Factory), IClassFixture<PostgreSqlService>;
