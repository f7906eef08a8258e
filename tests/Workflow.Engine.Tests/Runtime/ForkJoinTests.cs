using System.Text.Json.Nodes;
using Workflow.Engine.Execution;
using Workflow.Engine.Journal;
using Workflow.Engine.Tests.Support;
using static Workflow.Engine.Tests.Support.Definitions;
using Workflow.Persistence.Storage;

namespace Workflow.Engine.Tests.Runtime;

public abstract class ForkJoinTests(StorageProvider provider) : IAsyncLifetime
{
    private EngineHost _host = null!;

    public async Task InitializeAsync() => _host = await EngineHost.StartAsync(provider);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<TransitionResultOf> StartThreeWay(string mode, int? count = null)
    {
        await _host.PublishAsync(Flow("three", Start("split"), Fork("split", "a", "b", "c"),
            Approve("a", "join"), Approve("b", "join"), Approve("c", "join"), Join("join", "split", mode, "after", count), Approve("after", "done"), End("done")));
        var started = await _host.StartAsync("three");
        return new(started.InstanceId, started.NewBookmarks.ToDictionary(b => b.ActivityId, b => b.Id));
    }

    private sealed record TransitionResultOf(Guid Instance, Dictionary<string, Guid> Tasks);

    [Fact]
    public async Task AllOfJoin_WaitsForEveryBranch()
    {
        var (instance, tasks) = await StartThreeWay("all");

        var afterTwo = await _host.DecideAsync(tasks["b"], "approve");
        await _host.DecideAsync(tasks["a"], "approve");
        var afterThree = await _host.DecideAsync(tasks["c"], "approve");

        Assert.Empty(afterTwo.NewBookmarks);
        Assert.Equal("after", Assert.Single(afterThree.NewBookmarks).ActivityId);
        Assert.Single((await _host.Instances.GetAsync(instance)).Bookmarks);
    }

    [Fact]
    public async Task AnyOfJoin_GoesOnAfterTheFirst_AndCancelsTheOtherBranches()
    {
        var (instance, tasks) = await StartThreeWay("any");

        var first = await _host.DecideAsync(tasks["b"], "approve");

        Assert.Equal("after", Assert.Single(first.NewBookmarks).ActivityId);
        var view = await _host.Instances.GetAsync(instance);
        Assert.Equal("after", Assert.Single(view.Bookmarks).ActivityId);
        var journal = await _host.Instances.JournalAsync(instance);
        Assert.Equal(["a", "c"], journal.Where(j => j.Kind == JournalKind.BranchCancelled).Select(j => j.ActivityId!).Order());
        var late = await Assert.ThrowsAsync<WorkflowException>(() => _host.DecideAsync(tasks["a"], "approve"));
        Assert.Equal(WorkflowError.BookmarkNotFound, late.Error);
    }

    [Fact]
    public async Task TwoOfThreeJoin_GoesOnAfterTheSecond()
    {
        var (instance, tasks) = await StartThreeWay("n", count: 2);

        var one = await _host.DecideAsync(tasks["c"], "approve");
        var two = await _host.DecideAsync(tasks["a"], "approve");

        Assert.Empty(one.NewBookmarks);
        Assert.Equal("after", Assert.Single(two.NewBookmarks).ActivityId);
        Assert.Single((await _host.Instances.GetAsync(instance)).Bookmarks);
    }

    [Fact]
    public async Task NestedForks_JoinInnerBeforeOuter()
    {
        await _host.PublishAsync(Flow("nested", Start("outer"), Fork("outer", "x", "inner"), Approve("x", "outerJoin"),
            Fork("inner", "y", "z"), Approve("y", "innerJoin"), Approve("z", "innerJoin"), Join("innerJoin", "inner", "all", "outerJoin"),
            Join("outerJoin", "outer", "all", "done"), End("done")));
        var started = await _host.StartAsync("nested");
        var tasks = started.NewBookmarks.ToDictionary(b => b.ActivityId, b => b.Id);

        await _host.DecideAsync(tasks["y"], "approve");
        await _host.DecideAsync(tasks["x"], "approve");
        var last = await _host.DecideAsync(tasks["z"], "approve");

        Assert.Equal(InstanceStatus.Finished, last.Status);
    }

    [Fact]
    public async Task PartySignoff_AllEndorse_NotifiesTheOfficerInChinese()
    {
        await _host.PublishSampleAsync("party-signoff.json");
        var started = await _host.StartAsync("party-signoff", new JsonObject
        {
            ["regionCode"] = "370181", ["name"] = "章丘经济开发区联合妇联", ["units"] = new JsonArray("甲公司", "乙公司"),
        });

        foreach (var task in started.NewBookmarks)
            await _host.DecideAsync(task.Id, "endorse", new JsonObject { ["opinion"] = "同意联建" });

        var message = Assert.Single(_host.Notifications.Sent);
        Assert.Equal("联建会签完成：章丘经济开发区联合妇联", message.Subject);
        Assert.Equal("章丘经济开发区联合妇联 的 2 家联建单位党组织均已同意。", message.Body);
        Assert.Equal(("officer", "370181"), (message.To.Role, message.To.RegionCode));
        Assert.Equal("endorsed", (await _host.Instances.GetAsync(started.InstanceId)).Result);
    }

    [Fact]
    public async Task PartySignoff_OneObjection_EndsTheRequestAndClosesTheOtherTask()
    {
        await _host.PublishSampleAsync("party-signoff.json");
        var started = await _host.StartAsync("party-signoff", new JsonObject { ["regionCode"] = "370181", ["name"] = "联合妇联" });

        var objected = await _host.DecideAsync(started.NewBookmarks[0].Id, "object", new JsonObject { ["opinion"] = "条件不成熟" });

        Assert.Equal((InstanceStatus.Finished, "objected"), (objected.Status, objected.Result));
        Assert.Empty((await _host.Instances.GetAsync(started.InstanceId)).Bookmarks);
        Assert.Empty(_host.Scheduler.Pending);
    }
}

public sealed class ForkJoinTestsOnSqlite() : ForkJoinTests(StorageProvider.Sqlite);

public sealed class ForkJoinTestsOnPostgreSql() : ForkJoinTests(StorageProvider.PostgreSql);
