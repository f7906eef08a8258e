using Workflow.Federation.Common;

namespace Workflow.Federation.Tests.Common;

public sealed class TaskDeadlinesTests
{
    private static readonly DateTimeOffset Opened = new(2026, 1, 31, 2, 0, 0, TimeSpan.Zero); // 10:00 in China

    [Fact]
    public void FifteenDayApproval_IsDueRemindedAndEscalatedAtTheOffsets()
    {
        var schedule = TaskDeadlines.FromIso(Opened, "P15D", ["P2D", "PT4H"], ["P1D", "P3D"]).Accepted;

        Assert.Equal(new DateTimeOffset(2026, 2, 15, 2, 0, 0, TimeSpan.Zero), schedule.Due.Utc);
        Assert.Equal(
            [new DateTimeOffset(2026, 2, 13, 2, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 2, 14, 22, 0, 0, TimeSpan.Zero)],
            schedule.Reminders.Select(r => r.Utc));
        Assert.Equal((new DateOnly(2026, 2, 15), new TimeOnly(6, 0)), (schedule.Reminders[1].LocalDate, schedule.Reminders[1].LocalTime));
        Assert.Equal(
            [new DateTimeOffset(2026, 2, 16, 2, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 2, 18, 2, 0, 0, TimeSpan.Zero)],
            schedule.Escalations.Select(r => r.Utc));
    }

    [Fact]
    public void ReminderThatWouldComeBeforeTheTaskOpened_IsDropped() =>
        Assert.Empty(TaskDeadlines.FromIso(Opened, "PT2H", ["P1D"], []).Accepted.Reminders);

    [Fact]
    public void OneMonth_IsThirtyDays_AsTheEngineReadsIt() =>
        Assert.Equal(Opened.AddDays(30), TaskDeadlines.FromIso(Opened, "P1M", [], []).Accepted.Due.Utc);

    [Fact]
    public void DueLateInTheEvening_FallsOnTheNextQuartersFirstDayInChina()
    {
        var schedule = TaskDeadlines.Compute(new DateTimeOffset(2026, 3, 31, 15, 0, 0, TimeSpan.Zero), TimeSpan.FromHours(2), [], []);

        Assert.Equal(new DateOnly(2026, 4, 1), schedule.Due.LocalDate);
        Assert.Equal(new DateOnly(2026, 3, 31), DateOnly.FromDateTime(schedule.Due.Utc.UtcDateTime));
    }

    [Fact]
    public void DurationsThatDoNotRead_AreExplained()
    {
        var result = TaskDeadlines.FromIso(Opened, "15 days", ["P0D"], ["-P1D", "P1D"]);

        var refusal = Assert.Single(result.Refusals);
        Assert.Equal(ScheduleCodes.DurationInvalid, refusal.Code);
        Assert.Contains("15 days", refusal.English, StringComparison.Ordinal);
        Assert.Contains("P0D", refusal.English, StringComparison.Ordinal);
        Assert.Contains("-P1D", refusal.English, StringComparison.Ordinal);
        Assert.DoesNotContain(", P1D", refusal.English, StringComparison.Ordinal);
    }

    [Fact]
    public void NonPositiveDue_IsAProgrammingError() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => TaskDeadlines.Compute(Opened, TimeSpan.Zero, [], []));
}
