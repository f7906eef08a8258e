using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Workflow.Engine.Definitions;
using Workflow.Engine.Execution;
using Workflow.Engine.Tests.Support;
using Workflow.Persistence.Storage;
using static Workflow.Engine.Tests.Support.Definitions;

namespace Workflow.Engine.Tests.Runtime;

/// <summary>Tasks for one named person (a handover, a meeting record) that open at a moment the input gives.</summary>
public sealed class PersonalTaskTests : IAsyncLifetime
{
    private const string Handover = """
        {
          "id": "handover",
          "activities": [
            { "id": "start", "type": "start", "next": "wait" },
            { "id": "wait", "type": "timer", "at": "input.handoverAt", "next": "confirm" },
            {
              "id": "confirm", "type": "userTask", "title": "确认交接",
              "assignee": { "role": "chair", "region": "input.regionCode", "user": "input.outgoing" },
              "outcomes": ["confirmed"], "due": "P7D", "remindBefore": ["P2D"], "escalateAfter": "P1D",
              "escalateTo": { "role": "officer", "region": "input.regionCode" }, "urgentEscalation": true,
              "next": { "confirmed": "done" }
            },
            { "id": "done", "type": "end" }
          ]
        }
        """;

    private static readonly DefinitionLoader Loader = new(new ActionRegistry([]));
    private EngineHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await EngineHost.StartAsync();
        await _host.PublishAsync(Handover);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task TimerAtAnInputMoment_OpensThePersonalTaskThen()
    {
        var started = await _host.StartAsync("handover", Input("2027-01-01T00:00:00+08:00"));

        var timer = Assert.Single(started.NewBookmarks);
        Assert.Equal(new DateTimeOffset(2026, 12, 31, 16, 0, 0, TimeSpan.Zero), timer.DueAt);

        _host.Clock.Set(timer.DueAt!.Value);
        await _host.FireDueTimersAsync();

        var task = Assert.Single(await OpenTasksAsync(started.InstanceId));
        Assert.Equal(("chair", "350583101", "user-outgoing"), (task.Role, task.RegionCode, task.AssigneeUserId));
    }

    [Fact]
    public async Task PersonalTask_RemindsItsPerson_AndEscalatesToWhomTheDefinitionSays()
    {
        var started = await _host.StartAsync("handover", Input("2027-01-01T00:00:00+08:00"));
        _host.Clock.Set(started.NewBookmarks[0].DueAt!.Value);
        await _host.FireDueTimersAsync();

        _host.Clock.Advance(TimeSpan.FromDays(9));
        await _host.FireDueTimersAsync();

        var sent = _host.Notifications.Sent.ToList();
        Assert.Equal(["reminder", "escalation"], sent.Select(n => n.Kind));
        Assert.Equal("user-outgoing", sent[0].To.UserId);
        var escalation = sent[1].To;
        Assert.Equal(("officer", "350583101", null), (escalation.Role, escalation.RegionCode, escalation.UserId));
        Assert.Equal([false, true], sent.Select(n => n.Urgent));
    }

    [Fact]
    public async Task InputWithoutTheMoment_IsAnIncident_NotASilentWait()
    {
        var started = await _host.StartAsync("handover", new JsonObject { ["regionCode"] = "350583101", ["outgoing"] = "user-outgoing" });

        Assert.Equal(InstanceStatus.Faulted, started.Status);
        Assert.NotNull(started.IncidentId);
    }

    [Fact]
    public async Task PersonalTaskWithoutItsPerson_IsAnIncident()
    {
        _host.Clock.Set(new DateTimeOffset(2027, 1, 2, 0, 0, 0, TimeSpan.Zero));
        var input = Input("2027-01-01T00:00:00+08:00");
        input["outgoing"] = "";

        var started = await _host.StartAsync("handover", input);
        await _host.FireDueTimersAsync();

        Assert.Equal(InstanceStatus.Faulted, (await _host.Instances.GetAsync(started.InstanceId)).Status);
    }

    [Theory]
    [InlineData("""{ "role": "chair", "user": "input.(" }""", "activities[1].assignee.user")]
    [InlineData("""{ "role": "chair", "nickname": "x" }""", "activities[1].assignee.nickname")]
    public void BrokenPersonalAssignment_IsRefusedWithItsPath(string assignee, string path)
    {
        var json = $$"""
            { "id": "p", "activities": [
              { "id": "start", "type": "start", "next": "t" },
              { "id": "t", "type": "userTask", "assignee": {{assignee}}, "outcomes": ["ok"], "next": { "ok": "e" } },
              { "id": "e", "type": "end" } ] }
            """;

        var error = Assert.Throws<DefinitionException>(() => Loader.Load(json, "test.json"));

        Assert.Contains(error.Errors, e => e.Path == path);
    }

    [Fact]
    public void EscalateToWithoutEscalateAfter_IsRefused()
    {
        var json = """
            { "id": "p", "activities": [
              { "id": "start", "type": "start", "next": "t" },
              { "id": "t", "type": "userTask", "assignee": { "role": "chair" }, "outcomes": ["ok"], "due": "P1D",
                "escalateTo": { "role": "officer" }, "next": { "ok": "e" } },
              { "id": "e", "type": "end" } ] }
            """;

        var error = Assert.Throws<DefinitionException>(() => Loader.Load(json, "test.json"));

        Assert.Contains(error.Errors, e => e.Path == "activities[1].escalateTo");
    }

    [Theory]
    [InlineData("\"urgentEscalation\": true")]
    [InlineData("\"escalateAfter\": \"P1D\", \"urgentEscalation\": \"yes\"")]
    public void UrgentEscalationWithoutAnEscalationOrNotABoolean_IsRefused(string setting)
    {
        var json = $$"""
            { "id": "p", "activities": [
              { "id": "start", "type": "start", "next": "t" },
              { "id": "t", "type": "userTask", "assignee": { "role": "chair" }, "outcomes": ["ok"], "due": "P1D", {{setting}}, "next": { "ok": "e" } },
              { "id": "e", "type": "end" } ] }
            """;

        var error = Assert.Throws<DefinitionException>(() => Loader.Load(json, "test.json"));

        Assert.Contains(error.Errors, e => e.Path == "activities[1].urgentEscalation");
    }

    private static JsonObject Input(string handoverAt) =>
        new() { ["regionCode"] = "350583101", ["outgoing"] = "user-outgoing", ["handoverAt"] = handoverAt };

    private async Task<List<BookmarkRow>> OpenTasksAsync(Guid instanceId)
    {
        await using var db = await _host.Get<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        return await db.Bookmarks.AsNoTracking().Where(b => b.InstanceId == instanceId && b.Kind == BookmarkKind.UserTask).ToListAsync();
    }
}
