using System.Text.Json;
using System.Text.Json.Nodes;
using Workflow.Engine.Definitions;
using static Workflow.Engine.Tests.Support.Definitions;

namespace Workflow.Engine.Tests.Definitions;

public sealed class DefinitionLoaderTests
{
    private readonly DefinitionLoader _loader = new(new ActionRegistry([new Support.SwitchableAction()]));

    private string[] Refusal(string json) => [.. Assert.Throws<DefinitionException>(() => _loader.Load(json, "test.json")).Errors.Select(e => e.ToString())];

    public static TheoryData<string> SampleFiles() =>
        [.. Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "workflows"), "*.json").Where(f => !f.EndsWith("schema.json", StringComparison.Ordinal)).Select(f => Path.GetFileName(f))];

    private static string SchemaText() => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "workflows", "schema.json"));

    [Theory]
    [MemberData(nameof(SampleFiles))]
    public void EveryFileInWorkflowsFolder_LoadsWithTheRolesOfTheSchema(string file)
    {
        var json = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "workflows", file));
        // The domain's handlers live outside the engine; the host's tests publish these files with the real ones.
        var handlers = System.Text.RegularExpressions.Regex.Matches(json, "\"handler\"\\s*:\\s*\"([^\"]+)\"").Select(m => m.Groups[1].Value).Distinct();
        var loader = new DefinitionLoader(new ActionRegistry(handlers.Select(h => new Support.StandInAction(h))), AssignmentVocabulary.FromSchema(SchemaText()));

        var definition = loader.Load(json, file);

        Assert.Equal(Path.GetFileNameWithoutExtension(file), definition.Id);
    }

    [Fact]
    public void AnActivitysName_IsKept_AndANonStringNameIsRefusedWithItsPlace()
    {
        JsonObject StartNamed(JsonNode name)
        {
            var start = Start("review");
            start["name"] = name;
            return start;
        }
        var definition = _loader.Load(Flow("f", StartNamed("申请提交"), Approve("review", "done"), End("done")), "test.json");
        Assert.Equal("申请提交", definition.Start.Name);
        Assert.Null(definition.Activity("review").Name);

        Assert.Equal(["activities[0].name: must be a string, not number"], Refusal(Flow("f", StartNamed(7), Approve("review", "done"), End("done"))));
    }

    [Theory]
    [InlineData("outcome")]
    [InlineData("by")]
    [InlineData("at")]
    [InlineData("comment")]
    public void FormFieldNamedLikeAPartOfTheDecisionRecord_IsRefusedWithItsPlace(string name)
    {
        var task = Approve("review", "done");
        task["form"] = new JsonArray(new JsonObject { ["name"] = "opinion" }, new JsonObject { ["name"] = name });

        var error = Assert.Single(Refusal(Flow("f", Start("review"), task, End("done"))));

        Assert.Equal($"activities[1].form[1].name: '{name}' is reserved: the decision stores outcome, by, at, comment beside the form fields", error);
    }

    [Theory]
    [InlineData("assignee", "role", "aprover", "activities[1].assignee.role: 'aprover' is not a known role (one of officer, approver, chair, admin)")]
    [InlineData("assignee", "approverKind", "party", "activities[1].assignee.approverKind: 'party' is not a known approver kind (one of partyOrganization, superiorFederation, registrar)")]
    [InlineData("to", "role", "everyone", "activities[2].to.role: 'everyone' is not a known role (one of officer, approver, chair, admin)")]
    public void AssignmentOutsideTheSchemaVocabulary_IsRefusedWithItsPlace(string assignment, string property, string value, string expected)
    {
        var loader = new DefinitionLoader(new ActionRegistry([]), AssignmentVocabulary.FromSchema(SchemaText()));
        var task = Approve("review", "tell");
        var notify = new JsonObject { ["id"] = "tell", ["type"] = "notify", ["to"] = new JsonObject { ["role"] = "officer" }, ["subject"] = "done", ["next"] = "done" };
        (assignment == "to" ? notify : task)[assignment]![property] = value;
        var json = Flow("f", Start("review"), task, notify, End("done"));

        var error = Assert.Single(Assert.Throws<DefinitionException>(() => loader.Load(json, "test.json")).Errors);

        Assert.Equal(expected, error.ToString());
    }

    [Fact]
    public void WithoutAVocabulary_AnyRoleIsAccepted()
    {
        var task = Approve("review", "done");
        task["assignee"]!["role"] = "aprover";

        Assert.Equal("aprover", ((UserTaskActivity)_loader.Load(Flow("f", Start("review"), task, End("done")), "open").Activity("review")).Assignee.Role);
    }

    [Fact]
    public void DueDateInWeeks_Loads()
    {
        var task = Approve("review", "done");
        task["due"] = "P2W";
        task["remindBefore"] = new JsonArray("P1W");

        var loaded = (UserTaskActivity)_loader.Load(Flow("f", Start("review"), task, End("done")), "weeks").Activity("review");

        Assert.Equal((TimeSpan.FromDays(14), TimeSpan.FromDays(7)), (loaded.Due, loaded.RemindBefore.Single()));
    }

    [Fact]
    public void NextPointingAtMissingActivity_IsRefusedWithItsPlace()
    {
        var json = Flow("f", Start("a"), Set("a", "x", "1", "b"), Set("b", "y", "2", "c"), Set("c", "z", "3", "review"),
            Approve("review", "registr"), End("done"));

        Assert.Contains("activities[4].next.approve: no activity 'registr'", Refusal(json));
    }

    [Fact]
    public void LoopOfActivitiesThatNeverWait_IsRefused()
    {
        var json = Flow("f", Start("a"), Set("a", "n", "vars.n + 1", "check"), Decide("check", "vars.n < 3", Outcomes(("true", "a"), ("false", "done"))), End("done"));

        var error = Assert.Single(Refusal(json));
        Assert.StartsWith("activities: cycle without a blocking activity: ", error);
        Assert.Contains("a → check → a", error);
    }

    [Fact]
    public void LoopThroughAUserTask_IsAccepted()
    {
        var json = Flow("f", Start("review"), UserTask("review", Outcomes(("approve", "done"), ("return", "revise")), "approve", "return"),
            Approve("revise", "review"), End("done"));

        Assert.Equal(4, _loader.Load(json, "loop").Activities.Count);
    }

    [Fact]
    public void ExpressionThatDoesNotParse_IsRefusedWithTheParserMessage()
    {
        var json = Flow("f", Start("check"), Decide("check", "vars.count >", Outcomes(("true", "done"), ("false", "done"))), End("done"));

        Assert.Contains(Refusal(json), e => e.StartsWith("activities[1].expression: expression does not parse: ", StringComparison.Ordinal));
    }

    [Fact]
    public void EveryProblem_IsReportedAtOnce()
    {
        var json = """
            { "id": "f", "activities": [
              { "id": "start", "type": "start", "next": "t" },
              { "id": "t", "type": "userTask", "assignee": { "role": "approver" }, "outcomes": ["approve"], "due": "15 days", "colour": "red", "next": { "approve": "done" } },
              { "id": "w", "type": "timer", "cron": "every monday", "next": "done" },
              { "id": "x", "type": "teleport", "next": "done" },
              { "id": "done", "type": "end" } ] }
            """;

        var errors = Refusal(json);

        Assert.Contains("activities[1].due: '15 days' is not a positive ISO 8601 duration (e.g. P15D, PT2H, P2W)", errors);
        Assert.Contains(errors, e => e.StartsWith("activities[1].colour: unknown property", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("activities[2].cron: cron expression does not parse", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("activities[3].type: unknown activity type 'teleport'", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{ "id": "f", "activities": [ { "id": "done", "type": "end" } ] }""", "activities: a definition needs exactly one start activity, found 0")]
    [InlineData("""{ "id": "f", "activities": [ { "id": "start", "type": "start", "next": "done" }, { "id": "lost", "type": "end" }, { "id": "done", "type": "end" } ] }""", "activities[1]: 'lost' cannot be reached from the start")]
    [InlineData("""{ "id": "f", "activities": [ { "id": "start", "type": "start", "next": 7 }, { "id": "done", "type": "end" } ] }""", "activities[0].next: required: the id of the next activity")]
    [InlineData("""{ "id": "f", "activities": [ { "id": "start", "type": "start", "next": "done" }, { "id": "start", "type": "end" }, { "id": "done", "type": "end" } ] }""", "activities[1].id: 'start' is already the id of activities[0]")]
    [InlineData("""{ "id": "f", "activities": [ { "id": "start", "type": "start", "next": "a" }, { "id": "a", "type": "action", "handler": "nobody.home", "next": "done" }, { "id": "done", "type": "end" } ] }""", "activities[1].handler: no action handler registered as 'nobody.home'")]
    [InlineData("""{ "id": "f", "activities": [ { "id": "start", "type": "start", "next": "t" }, { "id": "t", "type": "userTask", "assignee": { "role": "approver" }, "outcomes": ["approve", "reject"], "next": { "approve": "done" } }, { "id": "done", "type": "end" } ] }""", "activities[1].next: outcome 'reject' has no next activity")]
    [InlineData("""{ "id": "f", "activities": [ { "id": "start", "type": "start", "next": "w" }, { "id": "w", "type": "timer", "delay": "PT1H", "timeZone": "Mars/Olympus", "next": "done" }, { "id": "done", "type": "end" } ] }""", "activities[1].timeZone: unknown time zone 'Mars/Olympus'")]
    [InlineData("""{ "id": "f", "activities": [ { "id": "start", "type": "start", "next": "done" }, { "id": "done", "type": "end" } ], }""", "")]
    [InlineData("""{ "id": "f", "activities": [ { "id": "start", "type": "start", "next": "done" } { "id": "done", "type": "end" } ] }""", "line 1: not valid JSON")]
    public void InvalidDefinition_IsRefusedWithPlaceAndReason(string json, string expected)
    {
        if (expected.Length == 0)
        {
            Assert.NotNull(_loader.Load(json, "trailing comma is tolerated"));
            return;
        }
        Assert.Contains(Refusal(json), e => e.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void JoinWaitingForMoreBranchesThanItsForkHas_IsRefused()
    {
        var json = Flow("f", Start("split"), Fork("split", "a", "b"), Approve("a", "join"), Approve("b", "join"), Join("join", "split", "n", "done", count: 3), End("done"));

        Assert.Contains("activities[4].count: waits for 3 branches but fork 'split' has 2", Refusal(json));
    }

    [Fact]
    public void SchemaJson_ListsExactlyTheActivityTypesTheEngineRuns()
    {
        using var schema = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "workflows", "schema.json")));
        var types = schema.RootElement.GetProperty("$defs").GetProperty("activity").GetProperty("properties").GetProperty("type").GetProperty("enum")
            .EnumerateArray().Select(t => t.GetString()!).Order();

        Assert.Equal(DefinitionLoader.ActivityTypes.Order(), types);
        foreach (var type in DefinitionLoader.ActivityTypes)
            Assert.True(schema.RootElement.GetProperty("$defs").TryGetProperty(type, out _), $"schema.json has no $defs.{type}");
    }

    [Fact]
    public void SchemaJson_DurationPattern_IsTheOneTheLoaderUses()
    {
        var schema = JsonNode.Parse(SchemaText())!;

        Assert.Equal(IsoDuration.Pattern, schema["$defs"]!["duration"]!["pattern"]!.GetValue<string>());
    }

    [Fact]
    public void SchemaJson_RefusesTheFormFieldNamesTheLoaderReserves()
    {
        var schema = JsonNode.Parse(SchemaText())!;
        var reserved = schema["$defs"]!["formField"]!["properties"]!["name"]!["allOf"]![1]!["not"]!["enum"]!.AsArray().Select(n => n!.GetValue<string>());

        Assert.Equal(UserTaskActivity.DecisionFields, reserved);
    }

    [Fact]
    public void SchemaJson_FormFieldTypesMatchTheEngine()
    {
        var schema = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "workflows", "schema.json")))!;
        var types = schema["$defs"]!["formField"]!["properties"]!["type"]!["enum"]!.AsArray().Select(t => t!.GetValue<string>());

        Assert.Equal(Enum.GetNames<FormFieldType>().Select(n => n.ToLowerInvariant()).Order(), types.Order());
    }
}
