using Workflow.Federation.Common;
using Workflow.Federation.Reminders;
using Workflow.Federation.Rotations;

namespace Workflow.Federation.Tests.Rotations;

/// <summary>What the rotating chairs are told, and when a plan may begin.</summary>
public sealed class RotationRemindersTests
{
    private static readonly Guid s_body = Guid.NewGuid();
    private static readonly Guid[] s_presidium = [Guid.NewGuid(), Guid.NewGuid()];
    private static readonly DateOnly s_founded = new(2027, 1, 1);

    private static PlannedReminder FirstDay(ReminderPlan plan, int periodNumber, Guid chair) =>
        plan.Reminders.Single(r => r.Key == ReminderKeys.Rotation(s_body, periodNumber, ReminderKeys.FirstDay, chair));

    [Fact]
    public void TheFirstChair_IsNotAskedToConfirmAHandover_ButTheNextOneIs()
    {
        var rotation = RotatingPresidium.Plan([.. s_presidium.Select(p => p.ToString())], s_founded, s_founded.AddYears(1)).Accepted;

        var plan = RotationReminders.Plan(s_body, "弘一石业妇联", rotation, DateTimeOffset.MinValue);

        var first = FirstDay(plan, 1, s_presidium[0]);
        Assert.DoesNotContain("交接", first.Body.Zh, StringComparison.Ordinal);
        Assert.DoesNotContain("handover", first.Body.En, StringComparison.Ordinal);
        var second = FirstDay(plan, 2, s_presidium[1]);
        Assert.Contains("请与上一任轮值主席确认交接", second.Body.Zh, StringComparison.Ordinal);
    }

    [Fact]
    public void AChairWhoFollowsHerself_HasNobodyToTakeOverFrom()
    {
        var alone = RotatingPresidium.Plan([s_presidium[0].ToString()], s_founded, s_founded.AddYears(1)).Accepted;

        var plan = RotationReminders.Plan(s_body, "弘一石业妇联", alone, DateTimeOffset.MinValue);

        Assert.All(plan.Reminders.Where(r => r.Key.Contains(ReminderKeys.FirstDay, StringComparison.Ordinal)),
            r => Assert.DoesNotContain("交接", r.Body.Zh, StringComparison.Ordinal));
    }

    [Fact]
    public void ARotationStartingBeforeTheBodyWasFounded_IsRefusedWithTheFoundingDate()
    {
        var early = RotatingPresidium.Plan([.. s_presidium.Select(p => p.ToString())], s_founded.AddMonths(-2), s_founded.AddYears(5), foundedOn: s_founded);

        var refusal = Assert.Single(early.Refusals);
        Assert.Equal(ScheduleCodes.StartBeforeFounding, refusal.Code);
        Assert.Contains("早于本会成立日期2027-01-01", refusal.Chinese, StringComparison.Ordinal);
        Assert.True(RotatingPresidium.Plan([.. s_presidium.Select(p => p.ToString())], s_founded, s_founded.AddYears(5), foundedOn: s_founded).IsAccepted);
    }

    [Fact]
    public void PeriodsAndAdjustments_AreNumberedFromOne()
    {
        var rotation = RotatingPresidium.Plan([.. s_presidium.Select(p => p.ToString())], s_founded, s_founded.AddYears(1)).Accepted;

        var swapped = RotatingPresidium.Swap(rotation, 1, 2, "出差", s_founded).Accepted.Plan;

        Assert.Equal(1, rotation.Periods[0].Number);
        Assert.Equal([2, 3], swapped.Adjustments[^1].PeriodNumbers);
    }
}
