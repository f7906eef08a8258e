using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Workflow.Engine.Execution;
using Workflow.Engine.Journal;
using Workflow.Engine.Tests.Support;
using Workflow.Persistence.Storage;
using static Workflow.Engine.Tests.Support.Definitions;

namespace Workflow.Engine.Tests.Runtime;

public abstract class ChildAndVersionTests(StorageProvider provider) : IAsyncLifetime
{
    private EngineHost _host = null!;

    public async Task InitializeAsync() => _host = await EngineHost.StartAsync(provider);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task ChildWorkflow_ParentWaitsForItsEnd_AndFollowsItsOutcome()
    {
        await _host.PublishSampleAsync("approval.json");
        await _host.PublishAsync(Flow("parent", Start("sub"), Child("sub", "approval", Outcomes(("approved", "register"), ("rejected", "stop"), ("withdrawn", "stop")),
            input: "({ regionCode: input.regionCode })"), Approve("register", "done"), End("done"), End("stop", "stopped")));

        var parent = await _host.StartAsync("parent", new JsonObject { ["regionCode"] = "370112" });
        var childTask = Assert.Single(parent.NewBookmarks, b => b.Kind == BookmarkKind.UserTask);
        Assert.Equal("370112", childTask.RegionCode);
        Assert.Equal(InstanceStatus.Blocked, (await _host.Instances.GetAsync(parent.InstanceId)).Status);

        var decided = await _host.DecideAsync(childTask.Id, "approve");

        Assert.Equal(InstanceStatus.Finished, decided.Status);
        var parentView = await _host.Instances.GetAsync(parent.InstanceId);
        Assert.Equal("register", Assert.Single(parentView.Bookmarks).ActivityId);
    }

    [Fact]
    public async Task ChildThatEndsAtOnce_AndCancelsSiblingPathsOpenedInTheSameStep_LeavesNoTimerBehind()
    {
        await _host.PublishAsync(Flow("instant", Start("mark"), Set("mark", "marked", "true", "done"), End("done")));
        var sign = Approve("sign", "join");
        sign["due"] = "P15D";
        sign["remindBefore"] = new JsonArray("P3D");
        await _host.PublishAsync(Flow("race", Start("split"), Fork("split", "sign", "wait", "sub"), sign, Timer("wait", "delay", "P7D", "join"),
            Child("sub", "instant", Outcomes(("done", "join"))), Join("join", "split", "any", "after"), Approve("after", "done"), End("done")));

        var started = await _host.StartAsync("race");

        Assert.Equal("after", Assert.Single(started.NewBookmarks).ActivityId);
        Assert.Empty(await DatabaseAudit.ProblemsAsync(_host.Get<IDbContextFactory<WorkflowDbContext>>(), _host.Instances));
        Assert.Empty(_host.Scheduler.Pending);
    }

    [Fact]
    public async Task CancellingTheParent_CancelsTheChild()
    {
        await _host.PublishSampleAsync("approval.json");
        await _host.PublishAsync(Flow("parent", Start("sub"), Child("sub", "approval", Outcomes(("approved", "done"), ("rejected", "done"), ("withdrawn", "done"))), End("done")));
        var parent = await _host.StartAsync("parent");
        var childId = (await _host.Instances.GetAsync(parent.InstanceId)).Bookmarks.Single().ChildInstanceId!.Value;

        await _host.Runtime.CancelAsync(parent.InstanceId, "admin", null);

        Assert.Equal(InstanceStatus.Cancelled, (await _host.Instances.GetAsync(childId)).Status);
    }

    [Fact]
    public async Task CancellingAWaitingChild_MovesTheParentOnByItsCancelledRoute()
    {
        var (parent, child) = await ParentWaitingForAChildAsync(cancelledRoute: true);

        await _host.Runtime.CancelAsync(child, "admin", "withdrawn by the applicant");

        var parentView = await _host.Instances.GetAsync(parent);
        Assert.Equal((InstanceStatus.Blocked, "again"), (parentView.Status, Assert.Single(parentView.Bookmarks).ActivityId));
        var resumed = Assert.Single(await _host.Instances.JournalAsync(parent), j => j.Kind == JournalKind.ChildFinished);
        Assert.Equal(("sub", "cancelled"), (resumed.ActivityId, resumed.Outcome));
        Assert.Equal(InstanceStatus.Cancelled, (await _host.Instances.GetAsync(child)).Status);
        Assert.Empty(await DatabaseAudit.ProblemsAsync(_host.Get<IDbContextFactory<WorkflowDbContext>>(), _host.Instances));
    }

    [Fact]
    public async Task CancellingAChild_WhoseParentHasNoCancelledRoute_CancelsTheChild_AndFaultsTheParentWithAnIncident()
    {
        var (parent, child) = await ParentWaitingForAChildAsync(cancelledRoute: false);

        var cancelled = await _host.Runtime.CancelAsync(child, "admin", null);

        Assert.Equal(InstanceStatus.Cancelled, cancelled.Status);
        var parentView = await _host.Instances.GetAsync(parent);
        Assert.Equal(InstanceStatus.Faulted, parentView.Status);
        var incident = Assert.Single(parentView.Incidents);
        Assert.Equal("sub", incident.ActivityId);
        Assert.Contains("no next activity for outcome 'cancelled'", incident.Message, StringComparison.Ordinal);
        Assert.Equal(JournalKind.Faulted, (await _host.Instances.JournalAsync(parent))[^1].Kind);
    }

    [Fact]
    public async Task AParentFaultedByItsCancelledChild_CanBeCancelledInTurn()
    {
        var (parent, child) = await ParentWaitingForAChildAsync(cancelledRoute: false);
        await _host.Runtime.CancelAsync(child, "admin", null);

        var closed = await _host.Runtime.CancelAsync(parent, "admin", "its child was withdrawn");

        Assert.Equal(InstanceStatus.Cancelled, closed.Status);
        Assert.DoesNotContain((await _host.Instances.GetAsync(parent)).Incidents, i => i.ResolvedAt is null);
        Assert.Empty(await DatabaseAudit.ProblemsAsync(_host.Get<IDbContextFactory<WorkflowDbContext>>(), _host.Instances));
    }

    [Fact]
    public async Task MissingChildDefinition_IsAnIncident_RetriedOncePublished()
    {
        await _host.PublishAsync(Flow("parent", Start("sub"), Child("sub", "micro-home", Outcomes(("done", "done"))), End("done")));

        var faulted = await _host.StartAsync("parent");
        await _host.PublishAsync(Flow("micro-home", Start("head"), Approve("head", "done"), End("done")));
        var retried = await _host.Runtime.RetryAsync(faulted.IncidentId!.Value, "admin");

        Assert.Equal(InstanceStatus.Faulted, faulted.Status);
        Assert.Equal(InstanceStatus.Blocked, retried.Status);
        Assert.Contains(retried.NewBookmarks, b => b.ActivityId == "head");
    }

    [Fact]
    public async Task RunningInstance_KeepsItsVersion_WhenANewOneIsPublished()
    {
        var v1 = await _host.PublishAsync(Flow("evolving", Start("review"), Approve("review", "done"), End("done", "v1")));
        var old = await _host.StartAsync("evolving");

        var v2 = await _host.PublishAsync(Flow("evolving", Start("review"), Approve("review", "extra"), Approve("extra", "done"), End("done", "v2")));
        var fresh = await _host.StartAsync("evolving");
        var oldDone = await _host.DecideAsync(old.NewBookmarks[0].Id, "approve");
        var freshNext = await _host.DecideAsync(fresh.NewBookmarks[0].Id, "approve");

        Assert.Equal((1, 2), (v1.Version, v2.Version));
        Assert.Equal((InstanceStatus.Finished, "v1"), (oldDone.Status, oldDone.Result));
        Assert.Equal("extra", Assert.Single(freshNext.NewBookmarks).ActivityId);
        Assert.Equal(1, (await _host.Instances.GetAsync(old.InstanceId)).DefinitionVersion);
    }

    [Fact]
    public async Task PublishingTheSameDefinitionAgain_KeepsItsVersion()
    {
        var json = Flow("same", Start("review"), Approve("review", "done"), End("done"));

        var first = await _host.PublishAsync(json);
        var second = await _host.PublishAsync(json);

        Assert.Equal((1, true, 1, false), (first.Version, first.IsNew, second.Version, second.IsNew));
    }

    [Fact]
    public async Task InvalidDefinition_IsNotStored()
    {
        await Assert.ThrowsAsync<Engine.Definitions.DefinitionException>(() => _host.PublishAsync(Flow("broken", Start("nowhere"), End("done"))));

        Assert.Empty(await _host.Definitions.ListAsync());
    }

    /// <summary>A parent waiting at <c>sub</c> for a child approval; with <paramref name="cancelledRoute"/>, a cancelled child leads it to the task <c>again</c>.</summary>
    private async Task<(Guid Parent, Guid Child)> ParentWaitingForAChildAsync(bool cancelledRoute)
    {
        await _host.PublishSampleAsync("approval.json");
        var next = Outcomes(("approved", "done"), ("rejected", "done"), ("withdrawn", "done"));
        JsonObject[] activities = [Start("sub"), Child("sub", "approval", next), End("done")];
        if (cancelledRoute)
        {
            next["cancelled"] = "again";
            activities = [.. activities, Approve("again", "done")];
        }
        await _host.PublishAsync(Flow("parent", activities));
        var parent = await _host.StartAsync("parent");
        return (parent.InstanceId, (await _host.Instances.GetAsync(parent.InstanceId)).Bookmarks.Single().ChildInstanceId!.Value);
    }
}

public sealed class ChildAndVersionTestsOnSqlite() : ChildAndVersionTests(StorageProvider.Sqlite);

public sealed class ChildAndVersionTestsOnPostgreSql() : ChildAndVersionTests(StorageProvider.PostgreSql);
