using System.Globalization;
using System.Text;
using System.Text.Json;
using Workflow.Engine.Definitions;

namespace Workflow.Server.Pages.Admin;

/// <summary>One line of a submitted definition with the errors whose path starts on it.</summary>
public sealed record AnnotatedLine(int Number, string Text, IReadOnlyList<DefinitionError> Errors);

/// <summary>
/// Finds the line on which each JSON path of a text starts, so that a refused definition's errors (<c>activities[4].next.approve</c>)
/// are shown on the lines the admin typed. A path that is not in the text (a missing property) is shown on its nearest parent.
/// </summary>
public sealed class JsonLines
{
    private readonly Dictionary<string, int> _lineOfPath = new(StringComparer.Ordinal);
    private readonly string[] _lines;

    public JsonLines(string json)
    {
        _lines = json.ReplaceLineEndings("\n").Split('\n');
        Index(Encoding.UTF8.GetBytes(json));
    }

    public int? LineOf(string path)
    {
        if (path.StartsWith("line ", StringComparison.Ordinal))
            return int.TryParse(path.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out var line) && line >= 1 && line <= _lines.Length ? line : null;
        for (var at = path; ; at = Parent(at))
        {
            if (_lineOfPath.TryGetValue(at, out var line)) return line;
            if (at.Length == 0) return null;
        }
    }

    public IReadOnlyList<AnnotatedLine> Annotate(IReadOnlyList<DefinitionError> errors)
    {
        var byLine = errors.Select(e => (Line: LineOf(e.Path), Error: e)).Where(e => e.Line is not null).ToLookup(e => e.Line!.Value, e => e.Error);
        return [.. _lines.Select((text, i) => new AnnotatedLine(i + 1, text, [.. byLine[i + 1]]))];
    }

    private static string Parent(string path)
    {
        var cut = path.LastIndexOfAny(['.', '[']);
        return cut < 0 ? "" : path[..cut];
    }

    private void Index(byte[] utf8)
    {
        var lineStarts = new List<int> { 0 };
        for (var i = 0; i < utf8.Length; i++) if (utf8[i] == (byte)'\n') lineStarts.Add(i + 1);
        int LineAt(long offset) { var found = lineStarts.BinarySearch((int)offset); return (found >= 0 ? found : ~found - 1) + 1; }

        var containers = new Stack<(string Path, bool IsArray, int Count)>();
        string? property = null;
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName)
                {
                    property = Join(containers.Count == 0 ? "" : containers.Peek().Path, reader.GetString()!);
                    _lineOfPath.TryAdd(property, LineAt(reader.TokenStartIndex));
                    continue;
                }
                if (reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray)
                {
                    containers.Pop();
                    continue;
                }
                var path = property ?? "";
                if (containers.Count > 0 && containers.Peek().IsArray)
                {
                    var array = containers.Pop();
                    path = $"{array.Path}[{array.Count}]";
                    containers.Push(array with { Count = array.Count + 1 });
                }
                property = null;
                _lineOfPath.TryAdd(path, LineAt(reader.TokenStartIndex));
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                    containers.Push((path, reader.TokenType == JsonTokenType.StartArray, 0));
            }
        }
        catch (JsonException)
        {
            // Malformed JSON: the paths read up to the fault stay indexed; the parser's own error names its line.
        }
    }

    private static string Join(string parent, string name) => parent.Length == 0 ? name : $"{parent}.{name}";
}
