using System.Text;
using System.Text.Unicode;

namespace Workflow.Federation.Import;

/// <summary>
/// Decodes a CSV file the way it was written, without asking: Excel on Chinese Windows saves "CSV (逗号分隔)" in
/// GBK (read here as GB18030, its superset) and "CSV UTF-8" with a byte-order mark; other tools write UTF-8
/// without one. Bytes that are valid UTF-8 are UTF-8 (GBK text of any length almost never is); the rest is GB18030.
/// </summary>
public static class CsvText
{
    private static readonly Lazy<Encoding> Gb18030 = new(() =>
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        // Undecodable bytes become U+FFFD, which the garbled-text check then reports row by row.
        return Encoding.GetEncoding(54936, EncoderFallback.ReplacementFallback, DecoderFallback.ReplacementFallback);
    });

    public static (string Text, string EncodingName) Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) return (Encoding.UTF8.GetString(bytes[3..]), "UTF-8 (BOM)");
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])) return (Encoding.Unicode.GetString(bytes[2..]), "UTF-16");
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])) return (Encoding.BigEndianUnicode.GetString(bytes[2..]), "UTF-16");
        if (Utf8.IsValid(bytes)) return (Encoding.UTF8.GetString(bytes), "UTF-8");
        return (Gb18030.Value.GetString(bytes), "GB18030");
    }

    /// <summary>
    /// Splits RFC 4180 text into records. Every record is a row as Excel numbers them, blank ones included; a
    /// quoted field may hold commas, quotes ("") and line breaks. Tab-separated text (Excel's "Unicode text") is
    /// recognised by its first line.
    /// </summary>
    public static IEnumerable<string?[]> Records(string text)
    {
        var delimiter = DetectDelimiter(text);
        var fields = new List<string?>();
        var field = new StringBuilder();
        var position = 0;
        var quoted = false;
        var inQuotes = false;
        while (position < text.Length)
        {
            var c = text[position++];
            if (inQuotes)
            {
                if (c != '"') field.Append(c);
                else if (position < text.Length && text[position] == '"')
                {
                    field.Append('"');
                    position++;
                }
                else inQuotes = false;
                continue;
            }
            if (c == '"' && field.Length == 0 && !quoted)
            {
                inQuotes = quoted = true;
                continue;
            }
            if (c == delimiter)
            {
                fields.Add(Take(field, quoted));
                quoted = false;
                continue;
            }
            if (c is '\r' or '\n')
            {
                if (c == '\r' && position < text.Length && text[position] == '\n') position++;
                fields.Add(Take(field, quoted));
                quoted = false;
                yield return [.. fields];
                fields.Clear();
                continue;
            }
            field.Append(c);
        }
        if (field.Length > 0 || fields.Count > 0 || quoted)
        {
            fields.Add(Take(field, quoted));
            yield return [.. fields];
        }
    }

    private static string? Take(StringBuilder field, bool quoted)
    {
        var value = field.Length == 0 && !quoted ? null : field.ToString();
        field.Clear();
        return value;
    }

    private static char DetectDelimiter(string text)
    {
        var end = text.IndexOfAny(['\r', '\n']);
        var firstLine = end < 0 ? text.AsSpan() : text.AsSpan(0, end);
        return firstLine.Count('\t') > firstLine.Count(',') ? '\t' : ',';
    }
}
