using System.Globalization;
using System.Text.RegularExpressions;

namespace Workflow.Engine.Definitions;

/// <summary>
/// ISO 8601 durations as definitions write them: <c>P15D</c>, <c>PT2H</c>, <c>P2W</c>, <c>P1DT12H</c>. <see cref="Pattern"/> is
/// the pattern of <c>$defs.duration</c> in <c>workflows/schema.json</c>, so an editor and the loader accept the same texts.
/// Years count as 365 days and months as 30, as in xs:duration: write days when you mean days.
/// </summary>
public static partial class IsoDuration
{
    public const string Pattern = @"^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$";

    /// <summary>The duration <paramref name="text"/> stands for; false when it does not match <see cref="Pattern"/> or does not fit a <see cref="TimeSpan"/>.</summary>
    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        var match = Format().Match(text);
        if (!match.Success) return false;
        try
        {
            var days = checked((Count(match.Groups[1]) * 365) + (Count(match.Groups[2]) * 30) + (Count(match.Groups[3]) * 7) + Count(match.Groups[4]));
            var seconds = match.Groups[8].Success ? decimal.Parse(match.Groups[8].ValueSpan[..^1], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture) : 0m;
            duration = TimeSpan.FromTicks(checked((days * TimeSpan.TicksPerDay) + (Count(match.Groups[6]) * TimeSpan.TicksPerHour)
                + (Count(match.Groups[7]) * TimeSpan.TicksPerMinute) + (long)(seconds * TimeSpan.TicksPerSecond)));
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    // The number of one component such as "15D"; its unit letter is the last character.
    private static long Count(Group component) =>
        component.Success ? long.Parse(component.ValueSpan[..^1], NumberStyles.None, CultureInfo.InvariantCulture) : 0;

    // ECMAScript semantics, as JSON Schema validators read the same pattern: \d is [0-9] only.
    [GeneratedRegex(Pattern, RegexOptions.ECMAScript)]
    private static partial Regex Format();
}
