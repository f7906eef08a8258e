using System.Xml;
using Workflow.Federation.Elections;

namespace Workflow.Federation.Common;

/// <summary>When a user task opened, falls due, is reminded and is escalated; each instant also in China time.</summary>
public sealed record TaskSchedule(
    ChinaInstant Opened,
    ChinaInstant Due,
    IReadOnlyList<ChinaInstant> Reminders,
    IReadOnlyList<ChinaInstant> Escalations);

/// <summary>
/// Due-date arithmetic for user tasks, the same as the engine's user-task timers so that the task list and
/// the timers agree: due = opened + due duration; a reminder at due − offset, dropped when that is not
/// after the opening; an escalation at due + offset. Durations are ISO 8601 read as the engine reads them
/// (<see cref="XmlConvert.ToTimeSpan(string)"/>): fixed lengths, so P1M is 30 days and P1Y 365 days, not
/// calendar months. DESIGN.md's default time limit for an approval is 15 days (P15D).
/// </summary>
public static class TaskDeadlines
{
    public static TaskSchedule Compute(DateTimeOffset opened, TimeSpan due, IReadOnlyList<TimeSpan> remindBefore, IReadOnlyList<TimeSpan> escalateAfter)
    {
        if (due <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(due), due, "a due duration must be positive");
        if (remindBefore.Concat(escalateAfter).Any(offset => offset <= TimeSpan.Zero))
            throw new ArgumentException("reminder and escalation offsets must be positive");

        var dueAt = opened + due;
        return new TaskSchedule(
            ChinaInstant.Of(opened),
            ChinaInstant.Of(dueAt),
            remindBefore.Select(offset => dueAt - offset).Where(at => at > opened).Order().Select(ChinaInstant.Of).ToList(),
            escalateAfter.Select(offset => dueAt + offset).Order().Select(ChinaInstant.Of).ToList());
    }

    /// <summary>The same from ISO 8601 durations as workflow definitions write them (P15D, PT4H); a duration that does not read is explained.</summary>
    public static Checked<TaskSchedule> FromIso(DateTimeOffset opened, string due, IReadOnlyList<string> remindBefore, IReadOnlyList<string> escalateAfter)
    {
        var texts = remindBefore.Prepend(due).Concat(escalateAfter).ToList();
        var spans = texts.Select(ParsePositive).ToList();
        var bad = texts.Where((_, i) => spans[i] is null).ToList();
        if (bad.Count > 0)
            return Checked.Refuse<TaskSchedule>(new Explanation(
                ScheduleCodes.DurationInvalid,
                $"期限格式无效,应为正的 ISO 8601 时长(如 P15D、PT2H):{string.Join("、", bad)}。",
                $"Not a positive ISO 8601 duration (e.g. P15D, PT2H): {string.Join(", ", bad)}."));

        var parsed = spans.Select(s => s!.Value).ToList();
        return Checked.Accept(Compute(
            opened,
            parsed[0],
            parsed.GetRange(1, remindBefore.Count),
            parsed.GetRange(1 + remindBefore.Count, escalateAfter.Count)));
    }

    private static TimeSpan? ParsePositive(string text)
    {
        try
        {
            var span = XmlConvert.ToTimeSpan(text);
            return span > TimeSpan.Zero ? span : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
