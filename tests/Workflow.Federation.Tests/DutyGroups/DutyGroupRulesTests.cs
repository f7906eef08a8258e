using Workflow.Federation.DutyGroups;
using Workflow.Federation.Common;
using Workflow.Federation.Holidays;

namespace Workflow.Federation.Tests.DutyGroups;

public sealed class DutyGroupRulesTests
{
    private static List<string> Executives(int count) => Enumerable.Range(1, count).Select(i => $"e{i:00}").ToList();

    private static List<int> Sizes(DutyGroupSplit split) => split.Groups.Select(g => g.MemberIds.Count).ToList();

    [Fact]
    public void Seed003s53ExecutivesIn6GroupsOf5To7_IsRefused_BecauseSixGroupsHoldAtMost42()
    {
        var split = DutyGroupRules.Split(Executives(53));

        Assert.False(split.IsAccepted);
        Assert.Empty(split.Groups);
        var refusal = Assert.Single(split.Refusals);
        Assert.Equal(ScheduleCodes.DutyGroupsCannotBeMet, refusal.Code);
        Assert.Equal(53, refusal.Figures["people"]);
        Assert.Contains("42", refusal.Chinese, StringComparison.Ordinal);
        Assert.Contains("42", refusal.English, StringComparison.Ordinal);
    }

    [Fact]
    public void Seed003sRefusal_ProposesEightGroupsOf5To7_Or6GroupsOf5To9()
    {
        var split = DutyGroupRules.Split(Executives(53));

        Assert.Equal(
            [new DutyGroupSettings { GroupCount = 8 }, new DutyGroupSettings { MaxGroupSize = 9 }],
            split.Proposals);
        Assert.Contains("分8个团,每团5–7人", split.Refusals[0].Chinese, StringComparison.Ordinal);
    }

    [Fact]
    public void FirstProposalForSeed003_SplitsSeven7sAndThree6s_InListOrder()
    {
        var executives = Executives(53);

        var split = DutyGroupRules.Split(executives, DutyGroupRules.Split(executives).Proposals[0]);

        Assert.Equal([7, 7, 7, 7, 7, 6, 6, 6], Sizes(split));
        Assert.Equal(executives, split.Groups.SelectMany(g => g.MemberIds));
        Assert.Equal(Enumerable.Range(1, 8), split.Groups.Select(g => g.Number));
    }

    [Theory]
    [InlineData(42, new[] { 7, 7, 7, 7, 7, 7 })]
    [InlineData(40, new[] { 7, 7, 7, 7, 6, 6 })]
    [InlineData(31, new[] { 6, 5, 5, 5, 5, 5 })]
    [InlineData(30, new[] { 5, 5, 5, 5, 5, 5 })]
    public void SixGroupsOf5To7_AreBalanced(int people, int[] sizes) =>
        Assert.Equal(sizes, Sizes(DutyGroupRules.Split(Executives(people))));

    [Fact]
    public void TooFewForSixGroups_ProposesFourGroups_OrSmallerGroups()
    {
        var split = DutyGroupRules.Split(Executives(20));

        Assert.Equal([new DutyGroupSettings { GroupCount = 4 }, new DutyGroupSettings { MinGroupSize = 3 }], split.Proposals);
        Assert.Contains("至少需要30人", split.Refusals[0].Chinese, StringComparison.Ordinal);
    }

    [Fact]
    public void WhereNoGroupCountFitsTheSizes_TheProposalsStretchTheSizes()
    {
        // 8 people: one group of 5–7 is too few places, two are too many people.
        var split = DutyGroupRules.Split(Executives(8));

        Assert.Equal(
            [new DutyGroupSettings { GroupCount = 2, MinGroupSize = 4 }, new DutyGroupSettings { GroupCount = 6, MinGroupSize = 1 }],
            split.Proposals);
    }

    [Fact]
    public void EveryAcceptedSplitKeepsItsBounds_AndEveryProposalIsAccepted()
    {
        for (var people = 1; people <= 60; people++)
            for (var groups = 1; groups <= 10; groups++)
                for (var min = 1; min <= 6; min++)
                    for (var max = min; max <= min + 3; max++)
                    {
                        var executives = Executives(people);
                        var settings = new DutyGroupSettings { GroupCount = groups, MinGroupSize = min, MaxGroupSize = max };
                        var split = DutyGroupRules.Split(executives, settings);
                        if (split.IsAccepted)
                        {
                            var sizes = Sizes(split);
                            Assert.Equal(groups, sizes.Count);
                            Assert.All(sizes, size => Assert.InRange(size, min, max));
                            Assert.InRange(sizes.Max() - sizes.Min(), 0, 1);
                            Assert.Equal(executives, split.Groups.SelectMany(g => g.MemberIds));
                        }
                        else
                        {
                            Assert.NotEmpty(split.Proposals);
                            Assert.All(split.Proposals, proposal => Assert.True(DutyGroupRules.Split(executives, proposal).IsAccepted, $"{people} in {proposal}"));
                        }
                    }
    }

    [Fact]
    public void NobodyToSplit_IsRefusedWithoutProposals()
    {
        var split = DutyGroupRules.Split([]);

        Assert.Equal(ScheduleCodes.NobodyToSplit, Assert.Single(split.Refusals).Code);
        Assert.Empty(split.Proposals);
    }

    [Fact]
    public void SmallestSizeAboveTheLargest_IsRefused() =>
        Assert.Equal(ScheduleCodes.DutyGroupSettingsInvalid, Assert.Single(DutyGroupRules.Split(Executives(30), new DutyGroupSettings { MinGroupSize = 8, MaxGroupSize = 7 }).Refusals).Code);

    [Fact]
    public void ExecutiveListedTwice_IsRefused() =>
        Assert.Equal(ScheduleCodes.ExecutiveListedTwice, Assert.Single(DutyGroupRules.Split([.. Executives(30), "e01"]).Refusals).Code);

    [Fact]
    public void Calendar_PutsGroupKOnDutyInTurnK_TwoMonthsEach_CyclingIntoTheNextYear()
    {
        var groups = DutyGroupRules.Split(Executives(42)).Groups;

        var calendar = DutyGroupRules.Calendar(groups, new DateOnly(2026, 1, 1), new DateOnly(2027, 7, 1));

        Assert.Equal([1, 2, 3, 4, 5, 6, 1, 2, 3], calendar.Select(t => t.Group.Number));
        Assert.Equal((new DateOnly(2026, 11, 1), new DateOnly(2026, 12, 31)), (calendar[5].FirstDay, calendar[5].LastDay));
        Assert.Equal(new DateOnly(2027, 1, 1), calendar[6].FirstDay);
        Assert.Equal(new DateTimeOffset(2026, 12, 25, 1, 0, 0, TimeSpan.Zero), calendar[6].Reminders.Ahead.Utc);
        Assert.Equal(new DateTimeOffset(2027, 1, 1, 1, 0, 0, TimeSpan.Zero), calendar[6].Reminders.OnFirstDay.Utc);
    }

    [Fact]
    public void Calendar_WithoutGroups_IsAProgrammingError() =>
        Assert.Throws<ArgumentException>(() => DutyGroupRules.Calendar([], new DateOnly(2026, 1, 1), new DateOnly(2027, 1, 1)));

    [Fact]
    public void Calendar_WithTheWorkingCalendar_BeginsATurnDueOnNationalDayOnTheEighth_AndTheTurnBeforeEndsOnTheSeventh()
    {
        var groups = DutyGroupRules.Split(Executives(12), new DutyGroupSettings { GroupCount = 2, MinGroupSize = 6, MaxGroupSize = 6 }).Groups;

        var calendar = DutyGroupRules.Calendar(groups, new DateOnly(2026, 6, 1), new DateOnly(2027, 6, 1), calendar: WorkingCalendar.Shipped);

        // 1 August 2026 is a Saturday; 国庆 2026 is off from 1 to 7 October (State Council notice); 1 December is a Tuesday.
        Assert.Equal(new DateOnly(2026, 8, 3), calendar[1].FirstDay);
        Assert.Equal("因周末顺延至8月3日", calendar[1].Moved!.Zh);
        Assert.Equal((new DateOnly(2026, 10, 8), new DateOnly(2026, 10, 1)), (calendar[2].FirstDay, calendar[2].RuleDay));
        Assert.Equal("因国庆节顺延至10月8日", calendar[2].Moved!.Zh);
        Assert.Equal(new DateOnly(2026, 10, 7), calendar[1].LastDay);
        Assert.Equal(ChinaInstant.At(new DateOnly(2026, 10, 8), new RotationSettings().ReminderTime).Utc, calendar[2].Reminders.OnFirstDay.Utc);
        Assert.Null(calendar[3].Moved);
        Assert.Equal(new DateOnly(2026, 12, 1), calendar[3].FirstDay);
    }

    [Fact]
    public void OnWorkingDays_MovesOnlyTurnsNotYetBegun_WhenAnOverrideMakesTheirDayAHoliday()
    {
        var groups = DutyGroupRules.Split(Executives(12), new DutyGroupSettings { GroupCount = 2, MinGroupSize = 6, MaxGroupSize = 6 }).Groups;
        var turns = DutyGroupRules.Calendar(groups, new DateOnly(2026, 6, 1), new DateOnly(2027, 6, 1), calendar: WorkingCalendar.Shipped);
        var overridden = new WorkingCalendar(WorkingCalendar.ShippedYears,
            [new SpecialDay(new DateOnly(2026, 6, 1), DayKind.Holiday, "抗台风停工"), new SpecialDay(new DateOnly(2026, 12, 1), DayKind.Holiday, "抗台风停工")]);

        var moved = DutyGroupRules.OnWorkingDays(turns, overridden, today: new DateOnly(2026, 7, 15));

        Assert.Equal(new DateOnly(2026, 6, 1), moved[0].FirstDay);
        Assert.Equal((new DateOnly(2026, 12, 2), "因抗台风停工顺延至12月2日"), (moved[3].FirstDay, moved[3].Moved!.Zh));
        Assert.Equal(new DateOnly(2026, 12, 1), moved[2].LastDay);
        Assert.Equal(turns[1].FirstDay, moved[1].FirstDay);
    }
}
