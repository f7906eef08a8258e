using System.Globalization;
using System.Text;

namespace Workflow.Server.Calendar;

/// <summary>
/// Writes iCalendar (RFC 5545) content lines: CRLF endings, TEXT values escaped (§3.3.11), lines folded at 75 octets
/// of UTF-8 without splitting a character (§3.1) — Chinese text is three octets a character, so folding by
/// characters would break clients.
/// </summary>
internal sealed class IcsWriter
{
    private const int MaxOctets = 75;
    private readonly StringBuilder _text = new();

    /// <summary>A property whose value is already in iCalendar form (dates, codes).</summary>
    public IcsWriter Raw(string name, string value)
    {
        Fold(name + ":" + value);
        return this;
    }

    /// <summary>A TEXT property: backslashes, semicolons, commas and line breaks escaped.</summary>
    public IcsWriter Text(string name, string value) => Raw(name, Escape(value));

    public IcsWriter Begin(string component) => Raw("BEGIN", component);

    public IcsWriter End(string component) => Raw("END", component);

    public override string ToString() => _text.ToString();

    public static string Escape(string value) => value
        .Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace(";", "\\;", StringComparison.Ordinal)
        .Replace(",", "\\,", StringComparison.Ordinal)
        .Replace("\r\n", "\\n", StringComparison.Ordinal)
        .Replace("\n", "\\n", StringComparison.Ordinal)
        .Replace("\r", "\\n", StringComparison.Ordinal);

    public static string Utc(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    public static string Local(DateTime wallClock) => wallClock.ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture);

    public static string Date(DateOnly date) => date.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    private void Fold(string line)
    {
        var octets = 0;
        foreach (var rune in line.EnumerateRunes())
        {
            var size = rune.Utf8SequenceLength;
            if (octets + size > MaxOctets)
            {
                // A continuation line starts with one space, which counts toward its 75 octets.
                _text.Append("\r\n ");
                octets = 1;
            }
            _text.Append(rune.ToString());
            octets += size;
        }
        _text.Append("\r\n");
    }
}
