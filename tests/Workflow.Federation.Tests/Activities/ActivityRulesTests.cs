using Workflow.Federation.Activities;
using Workflow.Federation.Common;

namespace Workflow.Federation.Tests.Activities;

/// <summary>有效覆盖 worked examples. "Now" is 2027-01-15 10:00 China time, so the window is 2026 Q3 and Q4.</summary>
public sealed class ActivityRulesTests
{
    private static readonly DateTimeOffset Now = ChinaInstant.At(new DateOnly(2027, 1, 15), new TimeOnly(10, 0)).Utc;

    // Two-month turns of two duty groups over the window: group 1 Jul–Aug, group 2 Sep–Oct, group 1 Nov–Dec.
    private static readonly PlannedTurn[] Turns =
    [
        new(1, new DateOnly(2026, 7, 1), new DateOnly(2026, 8, 31)),
        new(2, new DateOnly(2026, 9, 1), new DateOnly(2026, 10, 31)),
        new(1, new DateOnly(2026, 11, 1), new DateOnly(2026, 12, 31)),
        new(2, new DateOnly(2027, 1, 1), new DateOnly(2027, 2, 28)),
    ];

    private static BodyActivityRow Activity(ActivityKind kind, DateOnly on, int? group = null) => new()
    {
        Id = Guid.NewGuid(), BodyId = Guid.Empty, Kind = kind, HeldOn = on, Summary = "活动", DutyGroup = group, RecordedAt = Now, RecordedBy = "officer",
    };

    private static List<BodyActivityRow> Everything() =>
    [
        Activity(ActivityKind.LoveMotherTeam, new DateOnly(2026, 3, 8)),
        Activity(ActivityKind.JointMeeting, new DateOnly(2026, 8, 11)),
        Activity(ActivityKind.DutyGroupActivity, new DateOnly(2026, 7, 20), 1),
        Activity(ActivityKind.DutyGroupActivity, new DateOnly(2026, 10, 9), 2),
        Activity(ActivityKind.DutyGroupActivity, new DateOnly(2026, 12, 3), 1),
    ];

    // 2026 Q4's meeting was recorded by the group's convener (MeetingRecords), not as an activity of the body.
    private static readonly Quarter[] ConvenerRecorded = [new(2026, 4)];

    [Fact]
    public void BodyThatHeldEverythingItsPlanAsks_IsActive_OverTheLastTwoCompleteQuarters()
    {
        var status = ActivityRules.Evaluate(new ActivityPlan(true, ConvenerRecorded, Turns, Everything()), Now);

        Assert.True(status.Active);
        Assert.Empty(status.Missing);
        Assert.Equal(new Quarter(2026, 3), status.From);
        Assert.Equal(new Quarter(2026, 4), status.To);
        Assert.Equal(new DateOnly(2026, 12, 3), status.LastActivityOn);
    }

    [Fact]
    public void MissingAQuartersJointMeeting_IsNotActive_AndNamesTheQuarter()
    {
        var status = ActivityRules.Evaluate(new ActivityPlan(true, [], Turns, Everything()), Now);

        Assert.False(status.Active);
        var missing = Assert.Single(status.Missing);
        Assert.Equal("activity.joint-meeting-missing", missing.Code);
        Assert.Equal("2026年第4季度未召开联席会", missing.ZhCn);
        Assert.Equal("no joint meeting held in 2026 Q4", missing.En);
    }

    [Fact]
    public void BodyOutsideAnyJointMeetingGroup_NeedsNoJointMeeting()
    {
        var status = ActivityRules.Evaluate(new ActivityPlan(false, [], Turns, Everything()), Now);

        Assert.True(status.Active);
    }

    [Fact]
    public void MissingADutyTurn_IsNotActive_AndNamesTheGroupAndTurn()
    {
        var activities = Everything().Where(a => a.HeldOn != new DateOnly(2026, 10, 9)).ToList();
        // Group 1 meeting in group 2's turn does not make up for it.
        activities.Add(Activity(ActivityKind.DutyGroupActivity, new DateOnly(2026, 10, 10), 1));

        var status = ActivityRules.Evaluate(new ActivityPlan(true, ConvenerRecorded, Turns, activities), Now);

        Assert.False(status.Active);
        var missing = Assert.Single(status.Missing);
        Assert.Equal("activity.duty-turn-missing", missing.Code);
        Assert.Contains("第2执委轮值小组", missing.ZhCn, StringComparison.Ordinal);
        Assert.Contains("2026-09-01 至 2026-10-31", missing.ZhCn, StringComparison.Ordinal);
    }

    [Fact]
    public void TheCurrentTurnStillRunning_IsNotYetRequired()
    {
        // Group 2's turn of Jan–Feb 2027 has no activity yet; it ends after the window.
        var status = ActivityRules.Evaluate(new ActivityPlan(true, ConvenerRecorded, Turns, Everything()), Now);

        Assert.DoesNotContain(status.Missing, m => m.ZhCn.Contains("2027-01-01", StringComparison.Ordinal));
    }

    [Fact]
    public void WithoutALoveMotherTeam_IsNotActive()
    {
        var activities = Everything().Where(a => a.Kind != ActivityKind.LoveMotherTeam).ToList();
        activities.Add(Activity(ActivityKind.LoveMotherPairing, new DateOnly(2026, 9, 1)));

        var status = ActivityRules.Evaluate(new ActivityPlan(true, ConvenerRecorded, Turns, activities), Now);

        var missing = Assert.Single(status.Missing);
        Assert.Equal("activity.love-mother-team-missing", missing.Code);
        Assert.Equal("尚未组建爱心妈妈队伍", missing.ZhCn);
    }

    [Fact]
    public void QuarterBoundary_IsChinaTime_NotUtc()
    {
        // 2026-12-31 17:00 UTC is already 2027-01-01 01:00 in China: 2026 Q4 is complete, the window is Q3–Q4.
        var justAfter = new DateTimeOffset(2026, 12, 31, 17, 0, 0, TimeSpan.Zero);
        // 2026-12-31 15:00 UTC is 23:00 in China: Q4 is still running, the window is Q2–Q3.
        var justBefore = new DateTimeOffset(2026, 12, 31, 15, 0, 0, TimeSpan.Zero);
        var plan = new ActivityPlan(true, [new Quarter(2026, 2), new Quarter(2026, 3)], [], [Activity(ActivityKind.LoveMotherTeam, new DateOnly(2026, 1, 5))]);

        var after = ActivityRules.Evaluate(plan, justAfter);
        var before = ActivityRules.Evaluate(plan, justBefore);

        Assert.Equal((new Quarter(2026, 3), new Quarter(2026, 4)), (after.From, after.To));
        Assert.False(after.Active);
        Assert.Equal("2026年第4季度未召开联席会", Assert.Single(after.Missing).ZhCn);
        Assert.Equal((new Quarter(2026, 2), new Quarter(2026, 3)), (before.From, before.To));
        Assert.True(before.Active);
    }

    [Fact]
    public void AJointMeetingInTheFirstQuarterOfTheYear_WrapsTheWindowIntoTheYearBefore()
    {
        var may = ChinaInstant.At(new DateOnly(2027, 5, 2), new TimeOnly(9, 0)).Utc;

        var status = ActivityRules.Evaluate(new ActivityPlan(false, [], [], []), may);

        Assert.Equal((new Quarter(2026, 4), new Quarter(2027, 1)), (status.From, status.To));
    }
}
