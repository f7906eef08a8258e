using System.Text.Json.Nodes;
using Workflow.Engine.Execution;
using Workflow.Engine.Journal;
using Workflow.Engine.Tests.Support;
using Workflow.Persistence.Storage;

namespace Workflow.Engine.Tests.Runtime;

public abstract class ApprovalTests(StorageProvider provider) : IAsyncLifetime
{
    private EngineHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await EngineHost.StartAsync(provider);
        await _host.PublishSampleAsync("approval.json");
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Start_BlocksOnReview_AssignedToSuperiorFederationOfTheRequestRegion()
    {
        var started = await _host.StartAsync("approval", new JsonObject { ["regionCode"] = "370102" });

        Assert.Equal(InstanceStatus.Blocked, started.Status);
        var task = Assert.Single(started.NewBookmarks);
        Assert.Equal(("review", BookmarkKind.UserTask, "approver", "superiorFederation", "370102"), (task.ActivityId, task.Kind, task.Role, task.ApproverKind, task.RegionCode));
        Assert.Equal(_host.Clock.GetUtcNow().AddDays(15), task.DueAt);
    }

    [Fact]
    public async Task Approve_FinishesWithApprovedOutcome_AndJournalsWhoDecided()
    {
        var started = await _host.StartAsync("approval", new JsonObject { ["regionCode"] = "370102" });

        var done = await _host.DecideAsync(started.NewBookmarks[0].Id, "approve", new JsonObject { ["opinion"] = "同意筹建" }, actor: "区妇联-王芳");

        Assert.Equal((InstanceStatus.Finished, "approved"), (done.Status, done.Result));
        var journal = await _host.Instances.JournalAsync(started.InstanceId);
        var decision = Assert.Single(journal, j => j.Kind == JournalKind.Resumed);
        Assert.Equal(("区妇联-王芳", "review", "approve"), (decision.Actor, decision.ActivityId, decision.Outcome));
        Assert.Contains("同意筹建", decision.Data);
        var view = await _host.Instances.GetAsync(started.InstanceId);
        Assert.Empty(view.Bookmarks);
        Assert.Equal("同意筹建", view.Variables["review"]!["opinion"]!.GetValue<string>());
    }

    [Fact]
    public async Task Return_LoopsThroughRevisionBackToReview()
    {
        var started = await _host.StartAsync("approval", new JsonObject { ["regionCode"] = "370102" });

        var returned = await _host.DecideAsync(started.NewBookmarks[0].Id, "return", new JsonObject { ["opinion"] = "补充党组织意见" });
        var resubmitted = await _host.DecideAsync(Assert.Single(returned.NewBookmarks).Id, "resubmit", actor: "officer-1");
        var approved = await _host.DecideAsync(Assert.Single(resubmitted.NewBookmarks).Id, "approve");

        Assert.Equal("revise", returned.NewBookmarks[0].ActivityId);
        Assert.Equal("review", resubmitted.NewBookmarks[0].ActivityId);
        Assert.Equal("approved", approved.Result);
        Assert.True((await _host.Instances.VerifyJournalAsync(started.InstanceId)).Valid);
    }

    [Fact]
    public async Task Decision_OnTaskAlreadyDecided_IsAConflictNamingWhoDecided()
    {
        var started = await _host.StartAsync("approval", new JsonObject { ["regionCode"] = "370102" });
        await _host.DecideAsync(started.NewBookmarks[0].Id, "approve", actor: "first");

        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => _host.DecideAsync(started.NewBookmarks[0].Id, "reject", actor: "second"));

        Assert.Equal("first", conflict.ResumedBy);
        Assert.Equal("approved", (await _host.Instances.GetAsync(started.InstanceId)).Result);
    }

    [Fact]
    public async Task UnknownBookmark_IsRefusedAsNotFound()
    {
        var error = await Assert.ThrowsAsync<WorkflowException>(() => _host.DecideAsync(Guid.NewGuid(), "approve"));

        Assert.Equal(WorkflowError.BookmarkNotFound, error.Error);
    }
}

public sealed class ApprovalTestsOnSqlite() : ApprovalTests(StorageProvider.Sqlite);

public sealed class ApprovalTestsOnPostgreSql() : ApprovalTests(StorageProvider.PostgreSql);
