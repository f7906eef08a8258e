using Workflow.Federation.Common;

namespace Workflow.Federation.Activities;

/// <summary>A quarter of the calendar year (1–4), as China reads it.</summary>
public sealed record Quarter(int Year, int Number)
{
    public DateOnly FirstDay => new(Year, ((Number - 1) * 3) + 1, 1);

    public DateOnly EndExclusive => FirstDay.AddMonths(3);

    public Quarter Before() => Number == 1 ? new Quarter(Year - 1, 4) : new Quarter(Year, Number - 1);

    public bool Contains(DateOnly day) => day >= FirstDay && day < EndExclusive;

    public static Quarter Of(DateOnly day) => new(day.Year, ((day.Month - 1) / 3) + 1);
}

/// <summary>A duty-group turn as the plan has it: which group is on duty from its first to its last day.</summary>
public sealed record PlannedTurn(int Group, DateOnly FirstDay, DateOnly LastDay);

/// <summary>What a body's plan asks of it and what it did: the inputs of <see cref="ActivityRules.Evaluate"/>.</summary>
/// <param name="InJointMeetingGroup">It belongs to a joint meeting group, so it meets every quarter.</param>
/// <param name="MeetingsHeld">The quarters of joint meetings held: recorded by the group's convener or recorded as the body's activity.</param>
/// <param name="Turns">Its duty-group turns; empty without duty groups.</param>
/// <param name="Activities">Its recorded activities.</param>
public sealed record ActivityPlan(bool InJointMeetingGroup, IReadOnlyCollection<Quarter> MeetingsHeld, IReadOnlyList<PlannedTurn> Turns, IReadOnlyList<BodyActivityRow> Activities);

/// <summary>Active (有效) or not, over which quarters, and what is missing, each in Chinese and English.</summary>
public sealed record ActivityStatus(bool Active, Quarter From, Quarter To, IReadOnlyList<CodedMessage> Missing, DateOnly? LastActivityOn);

/// <summary>
/// 有效覆盖 (issue 14): a body is active when, over the last two COMPLETE quarters in China time, it held what its plan
/// requires — a joint meeting each quarter if it belongs to a joint meeting group (seed 004), a duty-group activity of the
/// group on duty in each two-month turn that ended in those quarters if it has duty groups (seed 003) — and it has formed
/// its 爱心妈妈 team (seed 001), at any time up to now.
/// </summary>
public static class ActivityRules
{
    public static ActivityStatus Evaluate(ActivityPlan plan, DateTimeOffset now)
    {
        var today = ChinaInstant.Of(now).LocalDate;
        var last = Quarter.Of(today).Before();
        var first = last.Before();
        var missing = new List<CodedMessage>();

        if (plan.InJointMeetingGroup)
        {
            foreach (var quarter in new[] { first, last })
            {
                var held = plan.MeetingsHeld.Contains(quarter)
                    || plan.Activities.Any(a => a.Kind == ActivityKind.JointMeeting && quarter.Contains(a.HeldOn));
                if (!held)
                    missing.Add(new CodedMessage("activity.joint-meeting-missing", $"{quarter.Year}年第{quarter.Number}季度未召开联席会",
                        $"no joint meeting held in {quarter.Year} Q{quarter.Number}"));
            }
        }

        foreach (var turn in plan.Turns.Where(t => t.LastDay >= first.FirstDay && t.LastDay < last.EndExclusive).OrderBy(t => t.FirstDay))
        {
            var held = plan.Activities.Any(a => a.Kind == ActivityKind.DutyGroupActivity && a.DutyGroup == turn.Group && a.HeldOn >= turn.FirstDay && a.HeldOn <= turn.LastDay);
            if (!held)
                missing.Add(new CodedMessage("activity.duty-turn-missing",
                    $"第{turn.Group}执委轮值小组在 {turn.FirstDay:yyyy-MM-dd} 至 {turn.LastDay:yyyy-MM-dd} 轮值期间未开展活动",
                    $"duty group {turn.Group} held no activity in its turn {turn.FirstDay:yyyy-MM-dd} to {turn.LastDay:yyyy-MM-dd}"));
        }

        if (!plan.Activities.Any(a => a.Kind == ActivityKind.LoveMotherTeam && a.HeldOn <= today))
            missing.Add(new CodedMessage("activity.love-mother-team-missing", "尚未组建爱心妈妈队伍", "no 爱心妈妈 (caring mothers) team formed yet"));

        var lastOn = plan.Activities.Where(a => a.HeldOn <= today).Select(a => (DateOnly?)a.HeldOn).Max();
        return new ActivityStatus(missing.Count == 0, first, last, missing, lastOn);
    }
}
