using Workflow.Federation.Rotations;
using Workflow.Federation.ReElection;

namespace Workflow.Federation.Tests.ReElection;

public sealed class ReElectionRulesTests
{
    [Fact]
    public void TermEnds_FiveYearsAfterFounding_RemindedSixMonthsAndOneMonthAhead_At9China()
    {
        var schedule = ReElectionRules.Schedule(new DateOnly(2026, 3, 15));

        Assert.Equal(new DateOnly(2031, 3, 15), schedule.TermEnd);
        Assert.Equal([6, 1], schedule.Reminders.Select(r => r.MonthsBefore));
        Assert.Equal(
            [new DateTimeOffset(2030, 9, 15, 1, 0, 0, TimeSpan.Zero), new DateTimeOffset(2031, 2, 15, 1, 0, 0, TimeSpan.Zero)],
            schedule.Reminders.Select(r => r.At.Utc));
    }

    [Fact]
    public void BodyFoundedOnALeapDay_EndsItsTermOnFebruary28()
    {
        var schedule = ReElectionRules.Schedule(new DateOnly(2028, 2, 29));

        Assert.Equal(new DateOnly(2033, 2, 28), schedule.TermEnd);
        Assert.Equal([new DateOnly(2032, 8, 28), new DateOnly(2033, 1, 28)], schedule.Reminders.Select(r => r.At.LocalDate));
    }

    [Fact]
    public void LeapDayTermEndingInALeapYear_KeepsFebruary29() =>
        Assert.Equal(new DateOnly(2028, 2, 29), ReElectionRules.TermEnd(new DateOnly(2024, 2, 29), termYears: 4));

    [Fact]
    public void RemindersFromAMonthsEnd_FallOnTheShorterMonthsLastDay()
    {
        var schedule = ReElectionRules.Schedule(new DateOnly(2026, 8, 31));

        Assert.Equal(new DateOnly(2031, 8, 31), schedule.TermEnd);
        Assert.Equal([new DateOnly(2031, 2, 28), new DateOnly(2031, 7, 31)], schedule.Reminders.Select(r => r.At.LocalDate));
    }

    [Fact]
    public void ReminderMonths_AreConfigurable_AndComeInTimeOrder()
    {
        var schedule = ReElectionRules.Schedule(new DateOnly(2026, 3, 15), new ReElectionSettings { ReminderMonthsBefore = [1, 3, 12] });

        Assert.Equal([12, 3, 1], schedule.Reminders.Select(r => r.MonthsBefore));
    }

    [Fact]
    public void RotationPlannedToTheTermEnd_EndsTheDayBefore()
    {
        var founding = new DateOnly(2026, 3, 15);

        var plan = RotatingPresidium.Plan(["chair", "vice"], founding, ReElectionRules.TermEnd(founding)).Accepted;

        Assert.Equal(new DateOnly(2031, 3, 14), plan.Periods[^1].LastDay);
    }
}
