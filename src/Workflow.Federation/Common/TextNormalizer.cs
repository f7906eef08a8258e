using System.Text;

namespace Workflow.Federation.Common;

/// <summary>Input typed on Chinese keyboards mixes full-width and half-width forms; compare and store the half-width ones.</summary>
public static class TextNormalizer
{
    private const char IdeographicSpace = '\u3000';

    /// <summary>Full-width ASCII (Ａ１，) to ASCII, the ideographic space to a space, trimmed; null when nothing is left.</summary>
    public static string? Clean(string? text)
    {
        if (text is null) return null;
        var span = text.AsSpan().Trim().Trim(IdeographicSpace).Trim();
        if (span.IsEmpty) return null;
        if (!NeedsWidthFold(span)) return span.Length == text.Length ? text : span.ToString();
        var builder = new StringBuilder(span.Length);
        foreach (var c in span) builder.Append(ToHalfWidth(c));
        return builder.ToString().Trim();
    }

    /// <summary>A comparison key: cleaned, lower case, without spaces, underscores or brackets around units such as “（人）”.</summary>
    public static string Key(string? text)
    {
        var cleaned = Clean(text);
        if (cleaned is null) return "";
        var builder = new StringBuilder(cleaned.Length);
        var depth = 0;
        foreach (var c in cleaned)
        {
            switch (c)
            {
                case '(' or '（': depth++; continue;
                case ')' or '）': depth = Math.Max(0, depth - 1); continue;
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

    private static bool NeedsWidthFold(ReadOnlySpan<char> span)
    {
        foreach (var c in span)
            if (c is >= '\uFF01' and <= '\uFF5E' or IdeographicSpace) return true;
        return false;
    }
}
