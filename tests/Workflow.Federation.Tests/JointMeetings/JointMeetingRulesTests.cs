using Workflow.Federation.JointMeetings;

namespace Workflow.Federation.Tests.JointMeetings;

public sealed class JointMeetingRulesTests
{
    [Fact]
    public void FirstQuarter2026_MeetsOnTheSecondTuesdayOfFebruary_At0930China_Which_Is0130Utc()
    {
        var meeting = JointMeetingRules.Propose(2026, 1);

        Assert.Equal(new DateOnly(2026, 2, 10), meeting.Start.LocalDate);
        Assert.Equal(DayOfWeek.Tuesday, meeting.Start.LocalDate.DayOfWeek);
        Assert.Equal(new DateTimeOffset(2026, 2, 10, 1, 30, 0, TimeSpan.Zero), meeting.Start.Utc);
    }

    [Theory]
    [InlineData(2026, 2, "2026-05-12")]
    [InlineData(2026, 3, "2026-08-11")]
    [InlineData(2026, 4, "2026-11-10")]
    [InlineData(2028, 1, "2028-02-08")]
    public void EachQuarter_MeetsInItsMiddleMonth(int year, int quarter, string date) =>
        Assert.Equal(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), JointMeetingRules.Propose(year, quarter).Start.LocalDate);

    [Fact]
    public void Chairs_AreRemindedAWeekAndADayBefore_At9China()
    {
        var meeting = JointMeetingRules.Propose(2026, 1);

        Assert.Equal(
            [new DateTimeOffset(2026, 2, 3, 1, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 2, 9, 1, 0, 0, TimeSpan.Zero)],
            meeting.Reminders.Select(r => r.Utc));
    }

    [Fact]
    public void Convener_IsAskedForTheRecordAfterTheMeeting_AndEscalatedWhenItIsLate()
    {
        var record = JointMeetingRules.Propose(2026, 1).Record;

        Assert.Equal((new DateOnly(2026, 2, 10), new TimeOnly(12, 30)), (record.Opened.LocalDate, record.Opened.LocalTime));
        Assert.Equal(new DateTimeOffset(2026, 2, 17, 4, 30, 0, TimeSpan.Zero), record.Due.Utc);
        Assert.Equal([new DateTimeOffset(2026, 2, 15, 4, 30, 0, TimeSpan.Zero)], record.Reminders.Select(r => r.Utc));
        Assert.Equal([new DateTimeOffset(2026, 2, 18, 4, 30, 0, TimeSpan.Zero)], record.Escalations.Select(r => r.Utc));
    }

    [Fact]
    public void FirstMondayOfTheLastMonth_IsConfigurable()
    {
        var settings = new JointMeetingSettings { MonthOfQuarter = 3, WeekdayOccurrence = 1, Weekday = DayOfWeek.Monday, StartTime = new TimeOnly(14, 0) };

        var meeting = JointMeetingRules.Propose(2026, 4, settings);

        Assert.Equal(new DateOnly(2026, 12, 7), meeting.Start.LocalDate);
        Assert.Equal(new DateTimeOffset(2026, 12, 7, 6, 0, 0, TimeSpan.Zero), meeting.Start.Utc);
    }

    [Fact]
    public void ProposedDates_AreNeverWeekends()
    {
        foreach (var weekday in new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday })
            for (var occurrence = 1; occurrence <= 4; occurrence++)
                foreach (var meeting in JointMeetingRules.Between(new DateOnly(2026, 1, 1), new DateOnly(2036, 1, 1), new JointMeetingSettings { Weekday = weekday, WeekdayOccurrence = occurrence }))
                    Assert.Equal(weekday, meeting.Start.LocalDate.DayOfWeek);
    }

    [Fact]
    public void WeekendMeetingDay_IsAConfigurationError() =>
        Assert.Throws<ArgumentException>(() => JointMeetingRules.Propose(2026, 1, new JointMeetingSettings { Weekday = DayOfWeek.Saturday }));

    [Fact]
    public void Between_StartsWithTheFirstQuarterWhoseMeetingIsStillToCome_AndCrossesTheYear()
    {
        var meetings = JointMeetingRules.Between(new DateOnly(2026, 2, 11), new DateOnly(2027, 3, 1));

        Assert.Equal([(2026, 2), (2026, 3), (2026, 4), (2027, 1)], meetings.Select(m => (m.Year, m.Quarter)));
    }

    [Fact]
    public void Between_IncludesAMeetingOnItsFirstDay() =>
        Assert.Equal((2026, 1), JointMeetingRules.Between(new DateOnly(2026, 2, 10), new DateOnly(2026, 4, 1)).Select(m => (m.Year, m.Quarter)).Single());

    [Fact]
    public void QuarterFive_IsAProgrammingError() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => JointMeetingRules.Propose(2026, 5));
}
