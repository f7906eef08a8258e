namespace Workflow.Federation.Common;

/// <summary>
/// How a rotation turns: the rotating presidium (轮值主席团, seed 004: "每两个月为一个轮值周期") and the
/// executive duty groups (执委轮值, seed 003: "每2个月开展集体活动一次") both take two-month turns. The
/// person or group coming on duty is reminded some days before at a local time, and again on the first day.
/// </summary>
public sealed record RotationSettings
{
    public int MonthsPerTurn { get; init; } = 2;

    public int ReminderDaysBefore { get; init; } = 7;

    public TimeOnly ReminderTime { get; init; } = new(9, 0);

    internal RotationSettings EnsureValid()
    {
        if (MonthsPerTurn < 1) throw new ArgumentException($"MonthsPerTurn must be at least 1, not {MonthsPerTurn}");
        if (ReminderDaysBefore < 1) throw new ArgumentException($"ReminderDaysBefore must be at least 1, not {ReminderDaysBefore}: the first-day reminder is always sent");
        return this;
    }
}

/// <summary>The reminders of whoever comes on duty: <see cref="Ahead"/> days before and <see cref="OnFirstDay"/>.</summary>
public sealed record TurnReminders(ChinaInstant Ahead, ChinaInstant OnFirstDay);

/// <summary>Back-to-back calendar turns of whole months.</summary>
internal static class Turns
{
    /// <summary>
    /// Turn <c>i</c> starts on <c>start + i × months</c>, counted from the start each time rather than from
    /// the previous turn, so a rotation begun on 31 January starts its turns on 31 March and 31 May, not
    /// on the 28th it would drift to after February. A date past a month's end is that month's last day
    /// (31 January + 1 month = 28 February, or 29 in a leap year). The last turn is cut at the end.
    /// </summary>
    public static IEnumerable<(int Index, DateOnly FirstDay, DateOnly LastDay)> Slice(DateOnly start, DateOnly endExclusive, int months)
    {
        for (var index = 0; ; index++)
        {
            var first = start.AddMonths(index * months);
            if (first >= endExclusive) yield break;
            var next = start.AddMonths((index + 1) * months);
            yield return (index, first, (next < endExclusive ? next : endExclusive).AddDays(-1));
        }
    }

    public static TurnReminders Reminders(DateOnly firstDay, RotationSettings settings) => new(
        ChinaInstant.At(firstDay.AddDays(-settings.ReminderDaysBefore), settings.ReminderTime),
        ChinaInstant.At(firstDay, settings.ReminderTime));
}
