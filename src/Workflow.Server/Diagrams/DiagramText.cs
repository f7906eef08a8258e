using System.Text;
using System.Xml;

namespace Workflow.Server.Diagrams;

/// <summary>
/// Text as the diagram draws it. The server cannot measure glyphs, so widths are estimated: a CJK character (and any
/// full-width punctuation) is one em, anything else about six tenths of one. Estimates err wide, so text stays in its box.
/// </summary>
internal static class DiagramText
{
    /// <summary>Characters after which a title may break: Chinese and Latin clause punctuation.</summary>
    private const string BreakAfter = "，、：；。,;:/）)";

    private const string NoLineStart = "，、：；。！？）,;:!?)";

    public static double Width(string text, double fontSize) => text.EnumerateRunes().Sum(r => RuneWidth(r) * fontSize);

    private static double RuneWidth(Rune rune) => rune.Value >= 0x2E80 || rune.Value is >= 0x1100 and <= 0x115F ? 1.0 : 0.62;

    /// <summary>
    /// Breaks <paramref name="text"/> into lines no wider than <paramref name="maxWidth"/>, preferring a break after
    /// punctuation or before an opening bracket; never inside a surrogate pair, so rare characters survive whole.
    /// </summary>
    /// <remarks>Lines are balanced: a title that needs two lines is cut near its middle, not after the first full line.</remarks>
    public static IReadOnlyList<string> Wrap(string text, double fontSize, double maxWidth)
    {
        var greedy = Greedy(text, fontSize, maxWidth);
        if (greedy.Count < 2) return greedy;
        for (var slack = 0.5; slack <= 2; slack += 0.5)
        {
            var balanced = Greedy(text, fontSize, Math.Min(maxWidth, Width(text, fontSize) / greedy.Count + slack * fontSize));
            if (balanced.Count == greedy.Count) return balanced;
        }
        return greedy;
    }

    private static List<string> Greedy(string text, double fontSize, double maxWidth)
    {
        var runes = text.EnumerateRunes().ToList();
        var lines = new List<string>();
        var start = 0;
        while (start < runes.Count)
        {
            var width = 0.0;
            var end = start;
            while (end < runes.Count && width + RuneWidth(runes[end]) * fontSize <= maxWidth) width += RuneWidth(runes[end++]) * fontSize;
            if (end == start) end++;
            if (end < runes.Count)
            {
                var soft = LastSoftBreak(runes, start, end);
                if (soft > start) end = soft;
                // Closing punctuation never starts a line.
                else if (end > start + 1 && NoLineStart.Contains(runes[end].ToString(), StringComparison.Ordinal)) end--;
            }
            lines.Add(string.Concat(runes.Skip(start).Take(end - start).Select(r => r.ToString())).Trim());
            start = end;
        }
        return lines.Where(l => l.Length > 0).DefaultIfEmpty("").ToList();
    }

    private static int LastSoftBreak(List<Rune> runes, int start, int end)
    {
        for (var i = end; i > start + 1; i--)
        {
            var before = runes[i - 1].ToString();
            var at = runes[i].ToString();
            if (BreakAfter.Contains(before, StringComparison.Ordinal) || at is "（" or "(" || before == " ") return i;
        }
        return start;
    }

    /// <summary>Drops what XML 1.0 cannot hold (control characters, lone surrogates); the writer escapes the rest.</summary>
    public static string Clean(string text)
    {
        if (text.All(c => XmlConvert.IsXmlChar(c))) return text;
        var clean = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (XmlConvert.IsXmlChar(text[i])) clean.Append(text[i]);
            else if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i]))
            {
                clean.Append(text[i]).Append(text[i + 1]);
                i++;
            }
        }
        return clean.ToString();
    }
}
