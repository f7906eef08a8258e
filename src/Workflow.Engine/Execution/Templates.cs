using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Workflow.Engine.Execution;

/// <summary>Fills <c>{vars.a.b}</c> and <c>{input.x}</c> placeholders in notification text; no code runs.</summary>
internal static partial class Templates
{
    public static string Fill(string template, InstanceState state) =>
        Placeholder().Replace(template, match =>
        {
            var parts = match.Groups[1].Value.Split('.');
            JsonNode? node = parts[0] == "vars" ? state.Variables : state.Input;
            foreach (var part in parts.Skip(1)) node = node is JsonObject o ? o[part] : null;
            return node switch
            {
                null => "",
                JsonValue v when v.TryGetValue<string>(out var s) => s,
                _ => node.ToJsonString(EngineJson.Options),
            };
        });

    [GeneratedRegex(@"\{((?:vars|input)(?:\.[\p{L}\p{N}_]+)+)\}")]
    private static partial Regex Placeholder();
}
