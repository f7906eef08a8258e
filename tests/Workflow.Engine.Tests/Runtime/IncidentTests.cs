using System.Text.Json.Nodes;
using Workflow.Engine.Execution;
using Workflow.Engine.Journal;
using Workflow.Engine.Tests.Support;
using static Workflow.Engine.Tests.Support.Definitions;
using Workflow.Persistence.Storage;

namespace Workflow.Engine.Tests.Runtime;

public abstract class IncidentTests(StorageProvider provider) : IAsyncLifetime
{
    private EngineHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await EngineHost.StartAsync(provider);
        await _host.PublishAsync(Flow("register", Start("check"), Approve("check", "register"), Action("register", "test.register", "notice"),
            Approve("notice", "done"), End("done")));
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task HandlerThatThrows_RollsTheTransitionBackWhole_AndRecordsAnIncident()
    {
        var started = await _host.StartAsync("register");
        var before = await _host.Instances.JournalAsync(started.InstanceId);
        _host.Action.Broken = true;

        var result = await _host.DecideAsync(started.NewBookmarks[0].Id, "approve");

        Assert.Equal(InstanceStatus.Faulted, result.Status);
        var view = await _host.Instances.GetAsync(started.InstanceId);
        Assert.Equal("check", Assert.Single(view.Bookmarks).ActivityId);
        Assert.Null(view.Variables["check"]);
        var incident = Assert.Single(view.Incidents);
        Assert.Equal(("register", result.IncidentId), (incident.ActivityId, (Guid?)incident.Id));
        Assert.Contains("registry unavailable", incident.Message);
        var journal = await _host.Instances.JournalAsync(started.InstanceId);
        Assert.Equal([.. before.Select(j => j.Kind), JournalKind.Faulted], journal.Select(j => j.Kind));
        Assert.True((await _host.Instances.VerifyJournalAsync(started.InstanceId)).Valid);
    }

    [Fact]
    public async Task FaultedInstance_RefusesDecisionsUntilRetried()
    {
        var started = await _host.StartAsync("register");
        _host.Action.Broken = true;
        await _host.DecideAsync(started.NewBookmarks[0].Id, "approve");

        var error = await Assert.ThrowsAsync<WorkflowException>(() => _host.DecideAsync(started.NewBookmarks[0].Id, "approve"));

        Assert.Equal(WorkflowError.InstanceNotActive, error.Error);
    }

    [Fact]
    public async Task Retry_AfterTheCauseIsFixed_AppliesTheOriginalDecision()
    {
        var started = await _host.StartAsync("register");
        _host.Action.Broken = true;
        var faulted = await _host.DecideAsync(started.NewBookmarks[0].Id, "approve", actor: "approver-7");
        _host.Action.Broken = false;

        var retried = await _host.Runtime.RetryAsync(faulted.IncidentId!.Value, "admin");

        Assert.Equal("notice", Assert.Single(retried.NewBookmarks).ActivityId);
        var view = await _host.Instances.GetAsync(started.InstanceId);
        Assert.Equal(InstanceStatus.Blocked, view.Status);
        Assert.Equal("REG-0002", view.Variables["registrationNo"]!.GetValue<string>());
        Assert.Equal("approver-7", view.Variables["check"]!["by"]!.GetValue<string>());
        Assert.NotNull(Assert.Single(view.Incidents).ResolvedAt);
    }

    [Fact]
    public async Task RetryThatFailsAgain_KeepsTheIncidentOpen_AndChangesNothing()
    {
        var started = await _host.StartAsync("register");
        _host.Action.Broken = true;
        var faulted = await _host.DecideAsync(started.NewBookmarks[0].Id, "approve");
        var journal = (await _host.Instances.JournalAsync(started.InstanceId)).Count;

        var error = await Assert.ThrowsAsync<ActivityFaultException>(() => _host.Runtime.RetryAsync(faulted.IncidentId!.Value, "admin"));

        Assert.Equal("register", error.ActivityId);
        var view = await _host.Instances.GetAsync(started.InstanceId);
        Assert.Equal(InstanceStatus.Faulted, view.Status);
        Assert.Null(Assert.Single(view.Incidents).ResolvedAt);
        Assert.Equal(journal, (await _host.Instances.JournalAsync(started.InstanceId)).Count);
    }

    [Fact]
    public async Task FaultOnStart_LeavesAFaultedInstanceThatRetryStarts()
    {
        await _host.PublishAsync(Flow("auto", Start("register"), Action("register", "test.register", "done"), End("done")));
        _host.Action.Broken = true;

        var faulted = await _host.StartAsync("auto", new JsonObject { ["name"] = "某快递站点" });
        _host.Action.Broken = false;
        var retried = await _host.Runtime.RetryAsync(faulted.IncidentId!.Value, "admin");

        Assert.Equal(InstanceStatus.Faulted, faulted.Status);
        Assert.Equal(InstanceStatus.Finished, retried.Status);
        Assert.Equal("某快递站点", (await _host.Instances.GetAsync(faulted.InstanceId)).Input["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task ExpressionThatFailsAtRunTime_IsAnIncident()
    {
        await _host.PublishAsync(Flow("bad", Start("calc"), Set("calc", "x", "vars.missing.deeper", "done"), End("done")));

        var result = await _host.StartAsync("bad");

        Assert.Equal(InstanceStatus.Faulted, result.Status);
        Assert.Contains("calc", Assert.Single((await _host.Instances.GetAsync(result.InstanceId)).Incidents).Message);
    }

    [Fact]
    public async Task Cancel_ClosesTasksAndTimers_AndResolvesIncidents()
    {
        await _host.PublishSampleAsync("approval.json");
        var started = await _host.StartAsync("approval", new JsonObject { ["regionCode"] = "370102" });

        var cancelled = await _host.Runtime.CancelAsync(started.InstanceId, "admin", "申请单位已注销");

        Assert.Equal(InstanceStatus.Cancelled, cancelled.Status);
        Assert.Empty((await _host.Instances.GetAsync(started.InstanceId)).Bookmarks);
        Assert.Empty(_host.Scheduler.Pending);
        var last = (await _host.Instances.JournalAsync(started.InstanceId))[^1];
        Assert.Equal((JournalKind.Cancelled, "admin"), (last.Kind, last.Actor));
        Assert.Contains("申请单位已注销", last.Data);
        var again = await Assert.ThrowsAsync<WorkflowException>(() => _host.Runtime.CancelAsync(started.InstanceId, "admin", null));
        Assert.Equal(WorkflowError.InstanceNotActive, again.Error);
    }
}

public sealed class IncidentTestsOnSqlite() : IncidentTests(StorageProvider.Sqlite);

public sealed class IncidentTestsOnPostgreSql() : IncidentTests(StorageProvider.PostgreSql);
