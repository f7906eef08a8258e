using Workflow.Federation.Rotations;
using Workflow.Federation.JointMeetings;
using Workflow.Federation.ReElection;
using Workflow.Federation.Common;
using Workflow.Federation.Reminders;

namespace Workflow.Federation.Tests.Reminders;

/// <summary>Plans built from the federation's schedules: keys, China times, and history left out.</summary>
public sealed class ReminderPlansTests
{
    private static readonly Guid s_body = Guid.NewGuid();
    private static readonly Guid[] s_presidium = [Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid()];

    private static RotationPlan Rotation() =>
        RotatingPresidium.Plan([.. s_presidium.Select(p => p.ToString())], new DateOnly(2027, 1, 31), new DateOnly(2028, 1, 31)).Accepted;

    [Fact]
    public void ARotation_RemindsEachIncomingChairAheadAndOnHerFirstDay_At0900China()
    {
        var plan = RotationReminders.Plan(s_body, "弘一石业妇联", Rotation(), DateTimeOffset.MinValue);

        Assert.Equal(12, plan.Reminders.Count);
        var second = plan.Reminders.Where(r => r.Key.StartsWith(ReminderKeys.Prefix("rotation", s_body) + "2:", StringComparison.Ordinal)).ToList();
        // Period 2 starts on 31 March (two months after 31 January, not 28 March); reminded 7 days before and on the day, at 09:00 China = 01:00 UTC.
        Assert.Equal([new DateTimeOffset(2027, 3, 24, 1, 0, 0, TimeSpan.Zero), new DateTimeOffset(2027, 3, 31, 1, 0, 0, TimeSpan.Zero)], second.Select(r => r.DueAt));
        Assert.All(second, r => Assert.Equal([s_presidium[1]], r.To.UserIds));
        Assert.Equal(ReminderKeys.Rotation(s_body, 2, ReminderKeys.Ahead, s_presidium[1]), second[0].Key);
        Assert.Contains("2027年3月31日", second[0].Body.Zh, StringComparison.Ordinal);
        Assert.Contains("2027-03-31", second[0].Body.En, StringComparison.Ordinal);
    }

    [Fact]
    public void ARotationsCalendarEntries_AreWholeChinaDays_EndingTheDayAfterThePeriod()
    {
        var plan = RotationReminders.Plan(s_body, "弘一石业妇联", Rotation(), DateTimeOffset.MinValue);
        var first = plan.Events[0];
        Assert.True(first.AllDay);
        Assert.Equal((new DateOnly(2027, 1, 31), new DateOnly(2027, 3, 31)), (ChinaInstant.Of(first.Start).LocalDate, ChinaInstant.Of(first.End).LocalDate));
        Assert.Equal(new TimeOnly(0, 0), ChinaInstant.Of(first.Start).LocalTime);
    }

    [Fact]
    public void RemindersAlreadyPast_AreLeftOut_ButTheCalendarKeepsEveryPeriod()
    {
        var plan = RotationReminders.Plan(s_body, "弘一石业妇联", Rotation(), new DateTimeOffset(2027, 6, 1, 0, 0, 0, TimeSpan.Zero));
        Assert.All(plan.Reminders, r => Assert.True(r.DueAt > new DateTimeOffset(2027, 6, 1, 0, 0, 0, TimeSpan.Zero)));
        Assert.Equal(6, plan.Events.Count);
    }

    [Fact]
    public void AJointMeeting_InvitesConvenerAndLeadersOnce_AndRemindsSevenAndOneDayBefore()
    {
        var convener = Guid.NewGuid();
        var leader = Guid.NewGuid();
        var meeting = JointMeetingRules.Propose(2027, 4);

        var plan = JointMeetingReminders.Plan(s_body, "石材产业链", meeting, convener, [leader, convener], DateTimeOffset.MinValue);

        Assert.Equal([ReminderKeys.JointMeeting(s_body, 2027, 4, 7), ReminderKeys.JointMeeting(s_body, 2027, 4, 1)], plan.Reminders.Select(r => r.Key));
        Assert.All(plan.Reminders, r => Assert.Equal([convener, leader], r.To.UserIds));
        var entry = Assert.Single(plan.Events);
        Assert.Equal(new DateTimeOffset(2027, 11, 9, 1, 30, 0, TimeSpan.Zero), entry.Start);
        Assert.False(entry.AllDay);
    }

    [Fact]
    public void ReElection_RemindsSixMonthsAndOneMonthBeforeTheTermEnds()
    {
        var schedule = ReElectionRules.Schedule(new DateOnly(2024, 2, 29));
        var plan = ReElectionReminders.Plan(s_body, "水头镇妇联", schedule, ReminderAudience.Role("officer", "350583105"), DateTimeOffset.MinValue);
        Assert.Equal([ReminderKeys.ReElection(s_body, new DateOnly(2029, 2, 28), 6), ReminderKeys.ReElection(s_body, new DateOnly(2029, 2, 28), 1)],
            plan.Reminders.Select(r => r.Key));
        Assert.Equal(ReminderKind.ReElection, plan.Reminders[0].Kind);
    }

    [Fact]
    public void ASwap_TellsBothPeopleAtOnce_WithTheirPeriodsStillToCome()
    {
        var asOf = new DateOnly(2027, 2, 1);
        var swapped = RotatingPresidium.Swap(Rotation(), 1, 2, "外出学习", asOf).Accepted;
        var now = ChinaInstant.At(asOf, new TimeOnly(10, 0)).Utc;

        var plan = RotationReminders.Changed(s_body, "弘一石业妇联", swapped, now);

        Assert.Equal(new[] { s_presidium[1], s_presidium[2] }.Order(), plan.Reminders.SelectMany(r => r.To.UserIds).Order());
        Assert.All(plan.Reminders, r => Assert.Equal(now, r.DueAt));
        var second = Assert.Single(plan.Reminders, r => r.To.UserIds[0] == s_presidium[1]);
        Assert.StartsWith(ReminderKeys.RotationChanged(s_body, 1), second.Key, StringComparison.Ordinal);
        Assert.Contains("外出学习", second.Body.Zh, StringComparison.Ordinal);
        // She takes the third period (from 31 May) and keeps the fifth (from 30 September); the second (31 March) is no longer hers.
        Assert.Contains("2027年5月31日", second.Body.Zh, StringComparison.Ordinal);
        Assert.DoesNotContain("2027年3月31日", second.Body.Zh, StringComparison.Ordinal);
    }

    [Fact]
    public void ASchedulePersonWhoIsNotAUserId_IsRefused()
    {
        var plan = RotatingPresidium.Plan(["张三", "李四"], new DateOnly(2027, 1, 1), new DateOnly(2027, 5, 1)).Accepted;
        Assert.Throws<ArgumentException>(() => RotationReminders.Plan(s_body, "x", plan, DateTimeOffset.MinValue));
    }
}
