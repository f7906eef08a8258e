using System.Text;
using System.Text.Json.Nodes;

namespace Workflow.Server.Tests.Support;

/// <summary>One body to send: <see cref="Bytes"/> null sends no body at all.</summary>
public sealed record BodyCase(string Name, byte[]? Bytes);

/// <summary>
/// Request bodies built from the service's own OpenAPI document: a plausible sample for a schema (every member
/// filled, <c>$ref</c> resolved), and malformed variants of it, so a test covers operations added later unedited.
/// </summary>
public sealed class OpenApiBodies(JsonObject document)
{
    public const int LongStringLength = 100_000;
    public const int NestingLevels = 10_000;
    private const int MaxDepth = 4;
    private const string InvalidUtf8Marker = "\u0001invalid-utf8\u0001";

    /// <summary>The schema a <c>$ref</c> names, or the schema itself; for "one of null or X", X.</summary>
    public JsonObject Resolve(JsonNode schema)
    {
        var resolved = (JsonObject)schema;
        for (var hops = 0; hops < 16; hops++)
        {
            if (resolved["$ref"] is JsonValue reference)
            {
                var name = ((string)reference!).Split('/')[^1];
                resolved = (JsonObject)document["components"]!["schemas"]![name]!;
                continue;
            }
            if ((resolved["oneOf"] ?? resolved["anyOf"]) is JsonArray choices)
            {
                resolved = (JsonObject)choices.First(c => Kind(c!) != "null")!;
                continue;
            }
            return resolved;
        }
        throw new InvalidOperationException("a $ref chain that does not end");
    }

    /// <summary>"object", "array", "string", "integer", "number", "boolean", "enum", "null" or "any" (no type named).</summary>
    public string Kind(JsonNode schema)
    {
        var resolved = Resolve(schema);
        if (resolved["enum"] is JsonArray) return "enum";
        return resolved["type"] switch
        {
            JsonValue single => (string)single!,
            JsonArray types => types.Select(t => (string)t!).FirstOrDefault(t => t != "null") ?? "null",
            _ => resolved["properties"] is not null ? "object" : "any",
        };
    }

    public JsonNode? Sample(JsonNode schema, int depth = 0)
    {
        var resolved = Resolve(schema);
        switch (Kind(schema))
        {
            case "enum":
                return JsonValue.Create((string?)((JsonArray)resolved["enum"]!).First(v => v is not null));
            case "string":
                return (string?)resolved["format"] switch
                {
                    "uuid" => JsonValue.Create(Guid.NewGuid().ToString()),
                    "date" => JsonValue.Create("2026-03-01"),
                    "date-time" => JsonValue.Create("2026-03-01T09:00:00"),
                    _ => JsonValue.Create("x"),
                };
            case "integer" or "number":
                return JsonValue.Create(1);
            case "boolean":
                // true, not false: a sample that is accepted must not switch anything off (e.g. an account's active flag).
                return JsonValue.Create(true);
            case "array":
                return depth >= MaxDepth || resolved["items"] is null ? new JsonArray() : new JsonArray(Sample(resolved["items"]!, depth + 1));
            case "object":
            {
                var sample = new JsonObject();
                if (depth >= MaxDepth) return sample;
                foreach (var (name, member) in resolved["properties"] as JsonObject ?? [])
                    if (member is not null && (bool?)member["readOnly"] != true) sample[name] = Sample(member, depth + 1);
                if (resolved["additionalProperties"] is JsonObject values) sample["x"] = Sample(values, depth + 1);
                return sample;
            }
            default:
                return new JsonObject();
        }
    }

    /// <summary>Every malformed variant of a body of this schema, each named for a failure message.</summary>
    public IEnumerable<BodyCase> Malformed(JsonNode schema)
    {
        yield return new BodyCase("no body", null);
        yield return Text("[]", "[]");
        yield return Text("null", "null");
        yield return Text("{}", "{}");
        yield return Text($"{NestingLevels:N0} levels of nesting", new string('[', NestingLevels) + new string(']', NestingLevels));

        var sample = Sample(schema)!;
        var members = Members(schema, sample, "$").ToList();
        var firstString = members.FirstOrDefault(m => Kind(m.Schema) == "string");
        yield return firstString.Path is null
            ? new BodyCase("invalid UTF-8", [(byte)'"', 0xC3, 0x28, 0xFF, (byte)'"'])
            : InvalidUtf8(sample, firstString.Path);

        foreach (var (path, member) in members)
        {
            yield return With(sample, path, $"{path} null", null);
            var kind = Kind(member);
            yield return With(sample, path, $"{path} of the wrong type", kind switch
            {
                "string" or "enum" => JsonValue.Create(12345),
                "integer" or "number" => JsonValue.Create("not a number"),
                "boolean" => JsonValue.Create("yes"),
                "array" => new JsonObject(),
                _ => JsonValue.Create("not an object"),
            });
            if (kind == "enum")
            {
                yield return With(sample, path, $"{path} an unknown enum name", JsonValue.Create("noSuchValue"));
                yield return With(sample, path, $"{path} an enum number", JsonValue.Create(99));
            }
            if (kind == "string") yield return With(sample, path, $"{path} {LongStringLength:N0} characters", JsonValue.Create(new string('x', LongStringLength)));
            if (kind == "array") yield return With(sample, path, $"{path} holding a null", new JsonArray((JsonNode?)null));
        }
    }

    /// <summary>Members of the sample by JSON path ("$.facts.name", "$.executiveCandidates[0].id") with their schemas.</summary>
    private IEnumerable<(string Path, JsonNode Schema)> Members(JsonNode schema, JsonNode? sample, string path, int depth = 0)
    {
        if (depth >= MaxDepth) yield break;
        var resolved = Resolve(schema);
        switch (Kind(schema), sample)
        {
            case ("object", JsonObject values):
                foreach (var (name, member) in resolved["properties"] as JsonObject ?? [])
                {
                    if (member is null || !values.ContainsKey(name)) continue;
                    yield return ($"{path}.{name}", member);
                    foreach (var inner in Members(member, values[name], $"{path}.{name}", depth + 1)) yield return inner;
                }
                break;
            case ("array", JsonArray { Count: > 0 } items) when resolved["items"] is { } itemSchema:
                foreach (var inner in Members(itemSchema, items[0], $"{path}[0]", depth + 1)) yield return inner;
                break;
        }
    }

    private static BodyCase Text(string name, string json) => new(name, Encoding.UTF8.GetBytes(json));

    private static BodyCase With(JsonNode sample, string path, string name, JsonNode? value)
    {
        var copy = sample.DeepClone();
        var (parent, key) = Locate(copy, path);
        switch (parent)
        {
            case JsonObject o:
                o[(string)key] = value;
                break;
            case JsonArray a:
                a[(int)key] = value;
                break;
        }
        return Text(name, copy.ToJsonString());
    }

    private static BodyCase InvalidUtf8(JsonNode sample, string path)
    {
        var marked = With(sample, path, "invalid UTF-8", JsonValue.Create(InvalidUtf8Marker));
        var text = Encoding.UTF8.GetString(marked.Bytes!);
        var escapedMarker = JsonValue.Create(InvalidUtf8Marker).ToJsonString().Trim('"');
        var at = text.IndexOf(escapedMarker, StringComparison.Ordinal);
        var bytes = Encoding.UTF8.GetBytes(text[..at]).Concat(new byte[] { 0xC3, 0x28, 0xFF }).Concat(Encoding.UTF8.GetBytes(text[(at + escapedMarker.Length)..]));
        return new BodyCase(marked.Name, [.. bytes]);
    }

    /// <summary>The container and key a path like "$.a.b[0].c" ends at.</summary>
    private static (JsonNode Parent, object Key) Locate(JsonNode root, string path)
    {
        var steps = new List<object>();
        foreach (var part in path[2..].Split('.'))
        {
            var bracket = part.IndexOf('[', StringComparison.Ordinal);
            steps.Add(bracket < 0 ? part : part[..bracket]);
            if (bracket >= 0) steps.Add(int.Parse(part[(bracket + 1)..^1], System.Globalization.CultureInfo.InvariantCulture));
        }
        var node = root;
        foreach (var step in steps[..^1]) node = step is int i ? node[i]! : node[(string)step]!;
        return (node, steps[^1]);
    }
}
