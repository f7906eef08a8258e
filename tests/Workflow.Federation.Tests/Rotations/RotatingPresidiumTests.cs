using Workflow.Federation.Elections;
using Workflow.Federation.Rotations;
using Workflow.Federation.Common;

namespace Workflow.Federation.Tests.Rotations;

public sealed class RotatingPresidiumTests
{
    // The chair and three vice-chairs, in rotation order.
    private static readonly string[] Presidium = ["chair", "vice1", "vice2", "vice3"];

    private static readonly DateOnly Start = new(2026, 1, 1);
    private static readonly DateOnly TermEnd = new(2031, 1, 1);

    private static RotationPlan FiveYearPlan() => RotatingPresidium.Plan(Presidium, Start, TermEnd).Accepted;

    private static List<string> People(RotationPlan plan) => plan.Periods.Select(p => p.PersonId).ToList();

    [Fact]
    public void FiveYearTerm_HasThirtyTwoMonthPeriods_BackToBack_InRotationOrder()
    {
        var plan = FiveYearPlan();

        Assert.Equal(30, plan.Periods.Count);
        Assert.Equal((new DateOnly(2026, 1, 1), new DateOnly(2026, 2, 28)), (plan.Periods[0].FirstDay, plan.Periods[0].LastDay));
        Assert.Equal((new DateOnly(2030, 11, 1), new DateOnly(2030, 12, 31)), (plan.Periods[^1].FirstDay, plan.Periods[^1].LastDay));
        Assert.All(plan.Periods.Zip(plan.Periods.Skip(1)), pair => Assert.Equal(pair.First.LastDay.AddDays(1), pair.Second.FirstDay));
        Assert.Equal(["chair", "vice1", "vice2", "vice3", "chair", "vice1"], People(plan).Take(6));
    }

    [Fact]
    public void IncomingChair_IsRemindedSevenDaysBefore_AndOnHerFirstDay_At9InChina()
    {
        var second = FiveYearPlan().Periods[1];

        Assert.Equal(new DateOnly(2026, 3, 1), second.FirstDay);
        Assert.Equal(new DateTimeOffset(2026, 2, 22, 1, 0, 0, TimeSpan.Zero), second.Reminders.Ahead.Utc);
        Assert.Equal(new DateOnly(2026, 2, 22), second.Reminders.Ahead.LocalDate);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 1, 0, 0, TimeSpan.Zero), second.Reminders.OnFirstDay.Utc);
    }

    [Fact]
    public void ReminderSettings_AreConfigurable()
    {
        var settings = new RotationSettings { ReminderDaysBefore = 3, ReminderTime = new TimeOnly(8, 30) };

        var second = RotatingPresidium.Plan(Presidium, Start, TermEnd, settings).Accepted.Periods[1];

        Assert.Equal(new DateTimeOffset(2026, 2, 26, 0, 30, 0, TimeSpan.Zero), second.Reminders.Ahead.Utc);
    }

    [Fact]
    public void RotationAcrossTheYearEnd_ContinuesInJanuary()
    {
        var plan = FiveYearPlan();

        var december = plan.PeriodOn(new DateOnly(2026, 12, 31))!;
        var january = plan.PeriodOn(new DateOnly(2027, 1, 1))!;

        Assert.Equal(december.Index + 1, january.Index);
        Assert.Equal(new DateOnly(2027, 2, 28), january.LastDay);
        Assert.Equal(new DateOnly(2026, 12, 25), january.Reminders.Ahead.LocalDate);
    }

    [Fact]
    public void MonthlyPeriodsFromJanuary31_StartOnTheMonthsLastDay_WithoutDrifting()
    {
        var settings = new RotationSettings { MonthsPerTurn = 1 };

        var plan = RotatingPresidium.Plan(Presidium, new DateOnly(2026, 1, 31), new DateOnly(2026, 6, 1), settings).Accepted;

        Assert.Equal(
            [new DateOnly(2026, 1, 31), new DateOnly(2026, 2, 28), new DateOnly(2026, 3, 31), new DateOnly(2026, 4, 30), new DateOnly(2026, 5, 31)],
            plan.Periods.Select(p => p.FirstDay));
        Assert.Equal(new DateOnly(2026, 2, 27), plan.Periods[0].LastDay);
        Assert.Equal(new DateOnly(2026, 5, 31), plan.Periods[^1].LastDay);
    }

    [Fact]
    public void MonthlyPeriodFromJanuary31_InALeapYear_StartsOnFebruary29()
    {
        var plan = RotatingPresidium.Plan(Presidium, new DateOnly(2028, 1, 31), new DateOnly(2028, 4, 1), new RotationSettings { MonthsPerTurn = 1 }).Accepted;

        Assert.Equal(new DateOnly(2028, 2, 29), plan.Periods[1].FirstDay);
        Assert.Equal(new DateOnly(2028, 3, 30), plan.Periods[1].LastDay);
    }

    [Fact]
    public void LastPeriod_IsCutAtTheTermEnd()
    {
        var plan = RotatingPresidium.Plan(Presidium, new DateOnly(2026, 1, 15), new DateOnly(2026, 6, 1)).Accepted;

        Assert.Equal(3, plan.Periods.Count);
        Assert.Equal((new DateOnly(2026, 5, 15), new DateOnly(2026, 5, 31)), (plan.Periods[2].FirstDay, plan.Periods[2].LastDay));
    }

    [Fact]
    public void PlanWithoutPeople_OrWithSomeoneTwice_OrAfterTheTerm_IsRefused()
    {
        Assert.True(RotatingPresidium.Plan([], Start, TermEnd).Explains(ScheduleCodes.PresidiumEmpty));
        Assert.True(RotatingPresidium.Plan(["chair", "vice1", "chair"], Start, TermEnd).Explains(ScheduleCodes.PresidiumListsSomeoneTwice));
        Assert.True(RotatingPresidium.Plan(Presidium, TermEnd, TermEnd).Explains(ScheduleCodes.StartNotBeforeTermEnd));
    }

    [Fact]
    public void NonsenseSettings_AreAConfigurationError() =>
        Assert.Throws<ArgumentException>(() => RotatingPresidium.Plan(Presidium, Start, TermEnd, new RotationSettings { MonthsPerTurn = 0 }));

    [Fact]
    public void Swap_TradesTwoFuturePeriods_AndTellsBothPeople()
    {
        var plan = FiveYearPlan();

        var change = RotatingPresidium.Swap(plan, 2, 3, "出差", new DateOnly(2026, 2, 10)).Accepted;

        Assert.Equal(["chair", "vice1", "vice3", "vice2", "chair"], People(change.Plan).Take(5));
        Assert.Equal(["vice2", "vice3"], change.PeopleConcerned);
        Assert.Equal(plan.Periods[2].Reminders, change.Plan.Periods[2].Reminders);
        var adjustment = Assert.Single(change.Plan.Adjustments);
        Assert.Equal((RotationAdjustmentKind.Swap, "出差"), (adjustment.Kind, adjustment.Reason));
        Assert.Equal([2, 3], adjustment.PeriodIndexes);
    }

    [Fact]
    public void Swap_OfAPeriodThatHasBegun_IsRefused()
    {
        var refusal = Assert.Single(RotatingPresidium.Swap(FiveYearPlan(), 0, 3, "出差", new DateOnly(2026, 1, 1)).Refusals);

        Assert.Equal(ScheduleCodes.PeriodAlreadyStarted, refusal.Code);
        Assert.Equal(["chair"], refusal.Subjects);
    }

    [Fact]
    public void Swap_WithoutAReason_OrOfAMissingPeriod_OrOfOnePersonsPeriods_IsRefused()
    {
        var asOf = new DateOnly(2026, 2, 10);

        Assert.True(RotatingPresidium.Swap(FiveYearPlan(), 2, 3, " ", asOf).Explains(ScheduleCodes.ReasonRequired));
        Assert.True(RotatingPresidium.Swap(FiveYearPlan(), 2, 30, "出差", asOf).Explains(ScheduleCodes.PeriodNotFound));
        Assert.True(RotatingPresidium.Swap(FiveYearPlan(), 4, 8, "出差", asOf).Explains(ScheduleCodes.SwapChangesNothing));
    }

    [Fact]
    public void Skip_MovesEveryoneAfterUpOnePeriod_AndTheLastPeriodGoesToWhoeverFollows()
    {
        var plan = FiveYearPlan();
        var before = People(plan);

        var change = RotatingPresidium.Skip(plan, 1, "产假", new DateOnly(2026, 1, 20)).Accepted;

        // The last period belonged to vice1 (period 29); after the skip it goes to the next in order, vice2.
        Assert.Equal([.. before.Take(1), .. before.Skip(2), "vice2"], People(change.Plan));
        Assert.Equal(["chair", "vice2", "vice3"], People(change.Plan).Take(3));
        Assert.Equal(plan.Periods.Select(p => (p.FirstDay, p.LastDay)), change.Plan.Periods.Select(p => (p.FirstDay, p.LastDay)));
        Assert.Equal(["vice1", "vice2", "vice3", "chair"], change.PeopleConcerned);
        Assert.Equal(RotationAdjustmentKind.Skip, Assert.Single(change.Plan.Adjustments).Kind);
    }

    [Fact]
    public void Skip_InAPresidiumOfOne_IsRefused() =>
        Assert.True(RotatingPresidium.Skip(RotatingPresidium.Plan(["chair"], Start, TermEnd).Accepted, 1, "产假", Start).Explains(ScheduleCodes.NobodyToTakeOver));

    [Fact]
    public void Rebuild_KeepsPastAndCurrentPeriods_AndContinuesAfterTheCurrentChairInTheNewOrder()
    {
        var plan = FiveYearPlan();
        var asOf = new DateOnly(2026, 3, 10); // vice1's period, the second, is under way

        var change = RotatingPresidium.Rebuild(plan, ["chair", "vice1", "newcomer", "vice2"], "换选副主席", asOf).Accepted;

        Assert.Equal(["chair", "vice1", "newcomer", "vice2", "chair", "vice1", "newcomer"], People(change.Plan).Take(7));
        Assert.Equal(plan.Periods.Take(2), change.Plan.Periods.Take(2));
        Assert.Equal(["chair", "vice1", "newcomer", "vice2"], change.Plan.Order);
        Assert.Contains("vice3", change.PeopleConcerned);
        Assert.Contains("newcomer", change.PeopleConcerned);
        Assert.Equal(Enumerable.Range(2, 28), Assert.Single(change.Plan.Adjustments).PeriodIndexes);
    }

    [Fact]
    public void Rebuild_WhenTheCurrentChairHasLeft_StartsFutureWithTheNewOrdersChair()
    {
        var change = RotatingPresidium.Rebuild(FiveYearPlan(), ["vice2", "vice3"], "主席调离", new DateOnly(2026, 3, 10)).Accepted;

        Assert.Equal(["chair", "vice1", "vice2", "vice3", "vice2"], People(change.Plan).Take(5));
    }

    [Fact]
    public void Rebuild_DropsFutureSwaps_ButKeepsTheirRecord()
    {
        var swapped = RotatingPresidium.Swap(FiveYearPlan(), 2, 3, "出差", new DateOnly(2026, 1, 5)).Accepted.Plan;

        var rebuilt = RotatingPresidium.Rebuild(swapped, Presidium, "副主席调整", new DateOnly(2026, 1, 10)).Accepted.Plan;

        Assert.Equal(People(FiveYearPlan()), People(rebuilt));
        Assert.Equal([RotationAdjustmentKind.Swap, RotationAdjustmentKind.Rebuild], rebuilt.Adjustments.Select(a => a.Kind));
    }

    [Fact]
    public void Rebuild_AfterTheLastPeriodHasBegun_IsRefused() =>
        Assert.True(RotatingPresidium.Rebuild(FiveYearPlan(), Presidium, "换届", new DateOnly(2030, 11, 1)).Explains(ScheduleCodes.NoFuturePeriods));
}
