using Workflow.Federation.Common;
using Workflow.Federation.Holidays;
using Workflow.Federation.Reminders;

namespace Workflow.Federation.JointMeetings;

/// <summary>
/// When the quarterly joint meeting is proposed: by default the second Tuesday of the middle month of the
/// quarter at 09:30, which is never a weekend. The rules are silent on the recording task; by default it
/// opens three hours after the start (the meeting is over), is due seven days later, reminds two days
/// before and escalates one day after.
/// </summary>
public sealed record JointMeetingSettings
{
    /// <summary>1, 2 or 3: which month of the quarter.</summary>
    public int MonthOfQuarter { get; init; } = 2;

    /// <summary>1 to 4: the first to fourth such weekday of the month (every month has four).</summary>
    public int WeekdayOccurrence { get; init; } = 2;

    /// <summary>Monday to Friday.</summary>
    public DayOfWeek Weekday { get; init; } = DayOfWeek.Tuesday;

    public TimeOnly StartTime { get; init; } = new(9, 30);

    public IReadOnlyList<int> ReminderDaysBefore { get; init; } = [7, 1];

    public TimeOnly ReminderTime { get; init; } = new(9, 0);

    public TimeSpan RecordOpensAfterStart { get; init; } = TimeSpan.FromHours(3);

    public TimeSpan RecordDue { get; init; } = TimeSpan.FromDays(7);

    public IReadOnlyList<TimeSpan> RecordRemindBefore { get; init; } = [TimeSpan.FromDays(2)];

    public IReadOnlyList<TimeSpan> RecordEscalateAfter { get; init; } = [TimeSpan.FromDays(1)];

    internal JointMeetingSettings EnsureValid()
    {
        var problems = new List<string>();
        if (MonthOfQuarter is < 1 or > 3) problems.Add($"MonthOfQuarter must be 1, 2 or 3, not {MonthOfQuarter}");
        if (WeekdayOccurrence is < 1 or > 4) problems.Add($"WeekdayOccurrence must be 1 to 4, not {WeekdayOccurrence}");
        if (Weekday is DayOfWeek.Saturday or DayOfWeek.Sunday) problems.Add($"Weekday must be Monday to Friday, not {Weekday}: meetings avoid weekends");
        if (ReminderDaysBefore.Any(days => days < 0 || (days == 0 && ReminderTime >= StartTime)))
            problems.Add("every reminder must come before the meeting starts");
        if (RecordOpensAfterStart < TimeSpan.Zero) problems.Add("RecordOpensAfterStart must not be negative");
        if (problems.Count > 0) throw new ArgumentException($"joint meeting settings: {string.Join("; ", problems)}");
        return this;
    }
}

/// <summary>The proposed meeting of one quarter, the reminders before it and the recording task after it.</summary>
/// <summary><paramref name="Moved"/> says why the meeting is not on its rule's date when a holiday or weekend moved it ("因国庆节顺延至10月8日").</summary>
public sealed record JointMeetingProposal(int Year, int Quarter, ChinaInstant Start, IReadOnlyList<ChinaInstant> Reminders, TaskSchedule Record, LocalizedText? Moved = null);

/// <summary>
/// 联席会 (seed 004): "每季度召开生产链内各妇联主席联席会,邀请镇分管领导、妇联主席商讨工作计划、活动方案".
/// With a <see cref="WorkingCalendar"/>, a date on a public holiday (or a holiday set by an admin) moves to the next working day.
/// </summary>
public static class JointMeetingRules
{
    public static JointMeetingProposal Propose(int year, int quarter, JointMeetingSettings? settings = null, WorkingCalendar? calendar = null)
    {
        if (quarter is < 1 or > 4) throw new ArgumentOutOfRangeException(nameof(quarter), quarter, "a quarter is 1 to 4");
        settings = (settings ?? new JointMeetingSettings()).EnsureValid();

        var month = new DateOnly(year, ((quarter - 1) * 3) + settings.MonthOfQuarter, 1);
        var firstWeekday = month.AddDays(((int)settings.Weekday - (int)month.DayOfWeek + 7) % 7);
        var date = firstWeekday.AddDays(7 * (settings.WeekdayOccurrence - 1));
        var move = calendar?.Move(date);
        return At(year, quarter, ChinaInstant.At(move?.To ?? date, settings.StartTime), settings) with { Moved = move?.Note };
    }

    /// <summary>The meeting of a quarter held at <paramref name="start"/> (proposed, or moved by its convener), with its reminders and recording task.</summary>
    public static JointMeetingProposal At(int year, int quarter, ChinaInstant start, JointMeetingSettings? settings = null)
    {
        settings = (settings ?? new JointMeetingSettings()).EnsureValid();
        var reminders = settings.ReminderDaysBefore
            .Select(days => ChinaInstant.At(start.LocalDate.AddDays(-days), settings.ReminderTime))
            .Where(r => r.Utc < start.Utc)
            .OrderBy(r => r.Utc)
            .ToList();
        var record = TaskDeadlines.Compute(start.Utc + settings.RecordOpensAfterStart, settings.RecordDue, settings.RecordRemindBefore, settings.RecordEscalateAfter);
        return new JointMeetingProposal(year, quarter, start, reminders, record);
    }

    /// <summary>Why a meeting held at <paramref name="start"/> is not on its rule's date, when the calendar moved it there; null otherwise (on its date, or moved by its convener).</summary>
    public static LocalizedText? MovedBy(int year, int quarter, ChinaInstant start, WorkingCalendar calendar, JointMeetingSettings? settings = null) =>
        Propose(year, quarter, settings, calendar) is { Moved: not null } moved && moved.Start.LocalDate == start.LocalDate ? moved.Moved : null;

    /// <summary>The meetings of every quarter whose proposed date falls in [from, untilExclusive).</summary>
    public static IReadOnlyList<JointMeetingProposal> Between(DateOnly from, DateOnly untilExclusive, JointMeetingSettings? settings = null, WorkingCalendar? calendar = null)
    {
        var meetings = new List<JointMeetingProposal>();
        var (year, quarter) = (from.Year, ((from.Month - 1) / 3) + 1);
        while (new DateOnly(year, ((quarter - 1) * 3) + 1, 1) < untilExclusive)
        {
            var meeting = Propose(year, quarter, settings, calendar);
            if (meeting.Start.LocalDate >= from && meeting.Start.LocalDate < untilExclusive) meetings.Add(meeting);
            (year, quarter) = quarter == 4 ? (year + 1, 1) : (year, quarter + 1);
        }

        return meetings;
    }
}
