using System.Text;

namespace Workflow.Federation.Common;

/// <summary>
/// Input typed on Chinese keyboards mixes full-width and half-width forms. Names keep theirs (registered names are
/// written with full-width brackets); codes, numbers and headings are compared in half-width form.
/// </summary>
public static class TextNormalizer
{
    private const char IdeographicSpace = '\u3000';

    /// <summary>Trimmed of spaces, the ideographic space included; null when nothing is left.</summary>
    public static string? Clean(string? text)
    {
        if (text is null) return null;
        var span = text.AsSpan().Trim().Trim(IdeographicSpace).Trim();
        if (span.IsEmpty) return null;
        return span.Length == text.Length ? text : span.ToString();
    }

    /// <summary>Cleaned, and full-width ASCII (Ａ１，) turned into ASCII: for codes and numbers.</summary>
    public static string? Narrow(string? text)
    {
        var cleaned = Clean(text);
        if (cleaned is null || !NeedsWidthFold(cleaned)) return cleaned;
        var builder = new StringBuilder(cleaned.Length);
        foreach (var c in cleaned) builder.Append(ToHalfWidth(c));
        return builder.ToString().Trim();
    }

    /// <summary>A comparison key for headings and labels: narrowed, lower case, without spaces, underscores or units in brackets (“（人）”).</summary>
    public static string Key(string? text)
    {
        var narrowed = Narrow(text);
        if (narrowed is null) return "";
        var builder = new StringBuilder(narrowed.Length);
        var depth = 0;
        foreach (var c in narrowed)
        {
            switch (c)
            {
                case '(': depth++; continue;
                case ')': depth = Math.Max(0, depth - 1); continue;
                case ' ' or '_' or '-' or '*' or '\'' or '’': continue;
            }
            if (depth == 0) builder.Append(char.ToLowerInvariant(c));
        }
        return builder.ToString();
    }

    public static char ToHalfWidth(char c) => c switch
    {
        >= '\uFF01' and <= '\uFF5E' => (char)(c - 0xFEE0),
        IdeographicSpace => ' ',
        _ => c,
    };

    private static bool NeedsWidthFold(string text)
    {
        foreach (var c in text)
            if (c is >= '\uFF01' and <= '\uFF5E' or IdeographicSpace) return true;
        return false;
    }
}
