using System.Text.Json.Nodes;

namespace Workflow.Engine.Tests.Support;

/// <summary>Builds definition JSON in tests: a list of activity objects under an id.</summary>
public static class Definitions
{
    public static string Flow(string id, params JsonObject[] activities) =>
        new JsonObject { ["id"] = id, ["activities"] = new JsonArray([.. activities]) }.ToJsonString();

    public static JsonObject Start(string next) => new() { ["id"] = "start", ["type"] = "start", ["next"] = next };

    public static JsonObject End(string id, string? outcome = null)
    {
        var end = new JsonObject { ["id"] = id, ["type"] = "end" };
        if (outcome is not null) end["outcome"] = outcome;
        return end;
    }

    public static JsonObject UserTask(string id, JsonObject next, params string[] outcomes) => new()
    {
        ["id"] = id, ["type"] = "userTask", ["assignee"] = new JsonObject { ["role"] = "approver" },
        ["outcomes"] = new JsonArray([.. outcomes.Select(o => (JsonNode)o)]), ["next"] = next,
    };

    public static JsonObject Approve(string id, string next) => UserTask(id, new JsonObject { ["approve"] = next }, "approve");

    public static JsonObject Set(string id, string variable, string expression, string next) =>
        new() { ["id"] = id, ["type"] = "setVariable", ["variable"] = variable, ["expression"] = expression, ["next"] = next };

    public static JsonObject Decide(string id, string expression, JsonObject next) =>
        new() { ["id"] = id, ["type"] = "decision", ["expression"] = expression, ["next"] = next };

    public static JsonObject Fork(string id, params string[] branches) =>
        new() { ["id"] = id, ["type"] = "fork", ["next"] = new JsonArray([.. branches.Select(b => (JsonNode)b)]) };

    public static JsonObject Join(string id, string fork, string mode, string next, int? count = null)
    {
        var join = new JsonObject { ["id"] = id, ["type"] = "join", ["fork"] = fork, ["mode"] = mode, ["next"] = next };
        if (count is not null) join["count"] = count;
        return join;
    }

    public static JsonObject Timer(string id, string property, string value, string next) =>
        new() { ["id"] = id, ["type"] = "timer", [property] = value, ["next"] = next };

    public static JsonObject Action(string id, string handler, string next) =>
        new() { ["id"] = id, ["type"] = "action", ["handler"] = handler, ["next"] = next };

    public static JsonObject Child(string id, string workflow, JsonObject next, string? input = null)
    {
        var child = new JsonObject { ["id"] = id, ["type"] = "childWorkflow", ["workflow"] = workflow, ["next"] = next };
        if (input is not null) child["input"] = input;
        return child;
    }

    public static JsonObject Outcomes(params (string Outcome, string Next)[] map)
    {
        var next = new JsonObject();
        foreach (var (outcome, target) in map) next[outcome] = target;
        return next;
    }
}
