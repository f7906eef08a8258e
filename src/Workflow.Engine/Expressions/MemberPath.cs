using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Workflow.Engine.Expressions;

/// <summary>
/// The shortcut for the commonest expression, a plain member path such as <c>input.regionCode</c>: read straight from the JSON,
/// without a JavaScript engine per evaluation (most of an expression's cost, and it runs inside the writer's transaction). Only a
/// path whose every member exists and that ends on a string or a boolean is read here, where JavaScript cannot give anything else;
/// a missing member, a number, an object or anything more is left to Jint, so its answers and its errors stay the same.
/// </summary>
internal static partial class MemberPath
{
    private static readonly ConcurrentDictionary<string, string[]?> s_paths = new(StringComparer.Ordinal);

    /// <summary>The value at the path, or null when the expression is not a plain path or Jint must decide.</summary>
    public static JsonNode? Read(string expression, JsonObject vars, JsonNode? input)
    {
        var path = s_paths.GetOrAdd(expression, static e => Plain().IsMatch(e) ? e.Split('.') : null);
        if (path is null) return null;
        JsonNode? node = path[0] == "vars" ? vars : input;
        for (var i = 1; i < path.Length; i++)
        {
            if (node is not JsonObject members || !members.TryGetPropertyValue(path[i], out node)) return null;
        }
        return node is JsonValue value && value.GetValueKind() is JsonValueKind.String or JsonValueKind.True or JsonValueKind.False
            ? value.DeepClone()
            : null;
    }

    // JSON.parse makes every key of the JSON an own property, so a key found here is the one JavaScript would read.
    [GeneratedRegex(@"^(vars|input)(\.[A-Za-z_$][A-Za-z0-9_$]*)+$", RegexOptions.CultureInvariant)]
    private static partial Regex Plain();
}
