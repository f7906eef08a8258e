using System.Text.Json.Nodes;
using Workflow.Engine.Tests.Support;

namespace Workflow.Engine.Tests.Runtime;

public sealed class DecisionPayloadTests : IAsyncLifetime
{
    private const string Signoff = """
        { "id": "signoff", "activities": [
          { "id": "start", "type": "start", "next": "sign" },
          { "id": "sign", "type": "userTask", "assignee": { "role": "approver", "approverKind": "partyOrganization" },
            "outcomes": ["endorse", "object"],
            "form": [
              { "name": "opinion", "type": "text", "required": true },
              { "name": "members", "type": "integer" },
              { "name": "share", "type": "number" },
              { "name": "unanimous", "type": "boolean" },
              { "name": "meetingDate", "type": "date" } ],
            "next": { "endorse": "done", "object": "done" } },
          { "id": "done", "type": "end" } ] }
        """;

    private EngineHost _host = null!;
    private Guid _instance;
    private Guid _task;

    public async Task InitializeAsync()
    {
        _host = await EngineHost.StartAsync();
        await _host.PublishAsync(Signoff);
        var started = await _host.StartAsync("signoff");
        (_instance, _task) = (started.InstanceId, started.NewBookmarks[0].Id);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    public static TheoryData<string?, string, string> BadDecisions() => new()
    {
        { null, """{ "opinion": "同意" }""", "outcome" },
        { "approve", """{ "opinion": "同意" }""", "outcome" },
        { "endorse", "{}", "form.opinion" },
        { "endorse", """{ "opinion": "   " }""", "form.opinion" },
        { "endorse", """{ "opinion": 5 }""", "form.opinion" },
        { "endorse", """{ "opinion": "同意", "members": 3.5 }""", "form.members" },
        { "endorse", """{ "opinion": "同意", "members": "seven" }""", "form.members" },
        { "endorse", """{ "opinion": "同意", "share": "half" }""", "form.share" },
        { "endorse", """{ "opinion": "同意", "unanimous": "yes" }""", "form.unanimous" },
        { "endorse", """{ "opinion": "同意", "meetingDate": "2026/11/23" }""", "form.meetingDate" },
        { "endorse", """{ "opinion": "同意", "stamp": "党委" }""", "form.stamp" },
    };

    [Theory]
    [MemberData(nameof(BadDecisions))]
    public async Task WrongShapedDecision_IsRefusedNamingTheField_AndChangesNothing(string? outcome, string form, string field)
    {
        var before = await _host.Instances.JournalAsync(_instance);

        var error = await Assert.ThrowsAsync<InvalidPayloadException>(() => _host.Runtime.ResumeAsync(
            new Execution.ResumeRequest(_task, "approver-1", outcome, JsonNode.Parse(form)!.AsObject())));

        Assert.Contains(error.Errors, e => e.Field == field);
        var view = await _host.Instances.GetAsync(_instance);
        Assert.Equal(_task, Assert.Single(view.Bookmarks).Id);
        Assert.Equal(before.Count, (await _host.Instances.JournalAsync(_instance)).Count);
    }

    [Fact]
    public async Task WellFormedDecision_IsStoredWithTypedValues()
    {
        await _host.Runtime.ResumeAsync(new Execution.ResumeRequest(_task, "approver-1", "endorse",
            JsonNode.Parse("""{ "opinion": "同意组建", "members": 7, "share": 0.6, "unanimous": true, "meetingDate": "2026-11-20" }""")!.AsObject(), "党委会研究通过"));

        var sign = (await _host.Instances.GetAsync(_instance)).Variables["sign"]!;
        Assert.Equal(("endorse", 7, true, "党委会研究通过"), (sign["outcome"]!.GetValue<string>(), sign["members"]!.GetValue<int>(), sign["unanimous"]!.GetValue<bool>(), sign["comment"]!.GetValue<string>()));
    }

    [Fact]
    public async Task DecisionBuiltInCode_WithAWholeNumberField_IsAccepted()
    {
        var form = new JsonObject { ["opinion"] = "同意", ["members"] = 7, ["share"] = 0.5, ["unanimous"] = true, ["meetingDate"] = "2026-11-20" };

        await _host.Runtime.ResumeAsync(new Execution.ResumeRequest(_task, "approver-1", "endorse", form));

        Assert.Equal(7, (await _host.Instances.GetAsync(_instance)).Variables["sign"]!["members"]!.GetValue<int>());
    }
}
