using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Server.Accounts;
using Workflow.Server.Storage;
using Workflow.Server.Tasks;
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

    /// <summary>Four open tasks for the approver: one she claimed, one a colleague claimed, one nobody holds, one the colleague handed her.</summary>
    private static async Task<(Guid Mine, Guid Theirs, Guid Open, Guid Handed)> HoldFourTasksAsync(Scenario s)
    {
        var (_, mine) = await s.StartApprovalAsync();
        var (_, theirs) = await s.StartApprovalAsync();
        var (_, open) = await s.StartApprovalAsync();
        var (_, handed) = await s.StartApprovalAsync();
        Assert.Equal(HttpStatusCode.OK, (await s.Approver.PostAsync($"/api/tasks/{mine}/claim", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await s.Colleague.PostAsync($"/api/tasks/{theirs}/claim", null)).StatusCode);
        var me = (string)(await (await s.Approver.GetAsync("/api/auth/me")).ReadObjectAsync())["id"]!;
        Assert.Equal(HttpStatusCode.OK, (await s.Colleague.PostAsJsonAsync($"/api/tasks/{handed}/delegate", new { userId = me })).StatusCode);
        return (mine, theirs, open, handed);
    }

    [Fact]
    public async Task TheHoldersDecision_ReleasesHerClaimWithIt_AndARefusedOneKeepsIt()
    {
        var s = await Scenario.CreateAsync(factory);
        var (_, task) = await s.StartApprovalAsync();
        Assert.Equal(HttpStatusCode.OK, (await s.Approver.PostAsync($"/api/tasks/{task}/claim", null)).StatusCode);

        await (await s.Approver.PostAsJsonAsync($"/api/tasks/{task}/decision", new { outcome = "maybe" })).AssertProblemAsync(400, "invalid-payload");
        Assert.True(Contains(await InboxAsync(s.Approver, "?show=mine"), task));
        Assert.False(Contains(await InboxAsync(s.Colleague), task));
        Assert.True(await IsClaimedAsync(task));

        Assert.Equal(HttpStatusCode.OK, (await s.Approver.PostAsJsonAsync($"/api/tasks/{task}/decision", new { outcome = "approve" })).StatusCode);
        Assert.False(await IsClaimedAsync(task));
    }

    private async Task<bool> IsClaimedAsync(Guid task)
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<ServiceDbContext>>().CreateDbContextAsync();
        return await db.TaskClaims.AnyAsync(c => c.BookmarkId == task);
    }

    [Fact]
    public async Task EachTab_ShowsTheTasksByWhoHoldsThem_WithTheHoldersNames()
    {
        var s = await Scenario.CreateAsync(factory);
        var (mine, theirs, open, handed) = await HoldFourTasksAsync(s);
        var colleague = (string)(await (await s.Colleague.GetAsync("/api/auth/me")).ReadObjectAsync())["userName"]!;

        async Task<Guid[]> Tab(string show) => [.. (await InboxAsync(s.Approver, $"?show={show}&pageSize=200"))
            .Select(i => Guid.Parse((string)i!["id"]!)).Where(id => id == mine || id == theirs || id == open || id == handed).Order()];
        Assert.Equal(new[] { mine, open, handed }.Order(), await Tab("available"));
        Assert.Equal([open], await Tab("unclaimed"));
        Assert.Equal(new[] { mine, handed }.Order(), await Tab("mine"));
        Assert.Equal([handed], await Tab("handed"));
        Assert.Equal(new[] { mine, theirs, open, handed }.Order(), await Tab("all"));

        var all = await InboxAsync(s.Approver, "?show=all&pageSize=200");
        JsonNode Item(Guid task) => all.Single(i => (string?)i!["id"] == task.ToString())!;
        Assert.Equal(s.ApproverName, (string?)Item(mine)["claimedBy"]);
        Assert.Equal(colleague, (string?)Item(theirs)["claimedBy"]);
        Assert.Null((string?)Item(open)["claimedBy"]);
        Assert.Equal(colleague, (string?)Item(handed)["delegatedBy"]);
    }

    [Fact]
    public async Task TheInboxPagesCounts_AgreeWithItsTabs()
    {
        var s = await Scenario.CreateAsync(factory);
        await HoldFourTasksAsync(s);
        var me = await (await s.Approver.GetAsync("/api/auth/me")).ReadObjectAsync();
        var caller = new Caller(Guid.Parse((string)me["id"]!), s.ApproverName, [Roles.Approver], ApproverKinds.SuperiorFederation, (string)me["regionCode"]!);

        var overview = await factory.Services.GetRequiredService<TaskInbox>()
            .OverviewAsync(caller, new TaskQuery(null, null, null, null, null), withOpenPage: false, CancellationToken.None);
        var unclaimed = await (await s.Approver.GetAsync("/api/tasks?show=unclaimed")).ReadObjectAsync();
        Assert.Equal(new TaskCounts(Mine: 2, Available: (int)unclaimed["total"]!, Handed: 1, Done: 0), overview.Counts);
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
