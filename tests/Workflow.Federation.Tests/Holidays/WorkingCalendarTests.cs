using Workflow.Federation.Holidays;
using Workflow.Federation.JointMeetings;

namespace Workflow.Federation.Tests.Holidays;

public sealed class WorkingCalendarTests
{
    private static readonly WorkingCalendar Calendar = WorkingCalendar.Shipped;

    private static DateOnly D(int month, int day, int year = 2026) => new(year, month, day);

    [Fact]
    public void NationalDay2026_OctoberFirstToSeventh_IsOff_AndTheNextWorkingDayIsTheEighth()
    {
        for (var day = 1; day <= 7; day++) Assert.False(Calendar.IsWorkingDay(D(10, day)));
        Assert.Equal("国庆节", Calendar.Special(D(10, 3))!.Name);
        Assert.Equal(D(10, 8), Calendar.NextWorkingDay(D(10, 1)));
    }

    [Fact]
    public void TheMakeUpSaturday_October10_2026_IsAWorkingDay_ButAnOrdinarySundayIsNot()
    {
        Assert.Equal(DayOfWeek.Saturday, D(10, 10).DayOfWeek);
        Assert.True(Calendar.IsWorkingDay(D(10, 10)));
        Assert.True(Calendar.IsWorkingDay(D(9, 20)));
        Assert.Equal(DayOfWeek.Sunday, D(3, 15).DayOfWeek);
        Assert.False(Calendar.IsWorkingDay(D(3, 15)));
        Assert.True(Calendar.IsWorkingDay(D(3, 16)));
    }

    [Fact]
    public void SpringFestival2026_NineDaysOff_WithTwoWorkingSaturdays()
    {
        Assert.Equal(9, Calendar.SpecialDays(2026).Count(d => d is { Name: "春节", Kind: DayKind.Holiday }));
        Assert.Equal([D(2, 14), D(2, 28)], Calendar.SpecialDays(2026).Where(d => d is { Name: "春节", Kind: DayKind.Workday }).Select(d => d.Date));
    }

    [Fact]
    public void AddWorkingDays_SkipsTheHolidayAndCountsTheMakeUpSaturday()
    {
        // Tue 29 Sep + 1 → Wed 30 Sep; + 2 → Thu 8 Oct (1–7 off); + 4 → Sat 10 Oct (调休上班).
        Assert.Equal(D(9, 30), Calendar.AddWorkingDays(D(9, 29), 1));
        Assert.Equal(D(10, 8), Calendar.AddWorkingDays(D(9, 29), 2));
        Assert.Equal(D(10, 10), Calendar.AddWorkingDays(D(9, 29), 4));
    }

    [Fact]
    public void AYearWithoutANotice_IsWeekendsOnly()
    {
        Assert.True(Calendar.Knows(2026));
        Assert.False(Calendar.Knows(2027));
        Assert.True(Calendar.IsWorkingDay(D(10, 1, 2027)));
        Assert.False(Calendar.IsWorkingDay(D(10, 2, 2027)));
        Assert.Equal("国务院办公厅关于2026年部分节假日安排的通知", WorkingCalendar.ShippedYears.Single(y => y.Year == 2026).Source.Title);
    }

    [Fact]
    public void AnOverride_MakesAWeekdayAHoliday_OrASundayAWorkingDay()
    {
        var calendar = new WorkingCalendar(WorkingCalendar.ShippedYears,
            [new SpecialDay(D(3, 16), DayKind.Holiday, "防汛"), new SpecialDay(D(3, 15), DayKind.Workday, "补班")]);

        Assert.False(calendar.IsWorkingDay(D(3, 16)));
        Assert.True(calendar.IsWorkingDay(D(3, 15)));
    }

    [Fact]
    public void AMove_SaysWhichHoliday_InChineseAndEnglish()
    {
        var note = Calendar.Move(D(10, 6)).Note!;

        Assert.Equal("因国庆节顺延至10月8日", note.Zh);
        Assert.Equal("moved to 8 Oct because of National Day", note.En);
        Assert.Null(Calendar.Move(D(10, 8)).Note);
    }

    [Fact]
    public void AJointMeetingOnLabourDay_MovesToTheNextWorkingDay_AndItsRemindersSaySo()
    {
        // The first Tuesday of May 2026 is 5 May, the last day of 劳动节.
        var settings = new JointMeetingSettings { WeekdayOccurrence = 1 };
        var meeting = JointMeetingRules.Propose(2026, 2, settings, Calendar);

        Assert.Equal(D(5, 6), meeting.Start.LocalDate);
        Assert.Equal(D(5, 5), JointMeetingRules.Propose(2026, 2, settings).Start.LocalDate);
        var plan = JointMeetingReminders.Plan(Guid.NewGuid(), "生产链", meeting, Guid.NewGuid(), [], DateTimeOffset.MinValue);
        Assert.All(plan.Reminders, r => Assert.Contains("（因劳动节顺延至5月6日）", r.Body.Zh, StringComparison.Ordinal));
        Assert.All(plan.Reminders, r => Assert.Contains("(moved to 6 May because of Labour Day)", r.Body.En, StringComparison.Ordinal));
        Assert.Equal(meeting.Moved, JointMeetingRules.MovedBy(2026, 2, meeting.Start, Calendar, settings));
    }
}
