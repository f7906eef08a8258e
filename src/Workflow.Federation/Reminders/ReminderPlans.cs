using System.Globalization;
using Workflow.Federation.Common;
using Workflow.Federation.DutyGroups;
using Workflow.Federation.JointMeetings;
using Workflow.Federation.ReElection;
using Workflow.Federation.Rotations;

namespace Workflow.Federation.Reminders;

/// <summary>
/// Reminder plans built from the federation's schedules (<see cref="RotatingPresidium"/>, <see cref="DutyGroupRules"/>,
/// <see cref="JointMeetingRules"/>, <see cref="ReElectionRules"/>), ready for <see cref="IReminderPlanning.PlanAsync(ReminderPlan, CancellationToken)"/>.
/// Person ids in the schedules are user ids. Reminders at or before <c>after</c> are left out (they are history);
/// calendar entries are kept whole. To change a schedule: <c>CancelAsync(ReminderKeys.Prefix("rotation", bodyId))</c>,
/// then plan the new one.
/// </summary>
public static class ReminderPlans
{
    /// <summary>The rotating presidium (seed 004): each period in the rotating chair's calendar; she is reminded ahead and on its first day.</summary>
    public static ReminderPlan Rotation(Guid bodyId, string bodyName, RotationPlan plan, DateTimeOffset after)
    {
        var reminders = new List<PlannedReminder>();
        var events = new List<PlannedCalendarEvent>();
        foreach (var period in plan.Periods)
        {
            var chair = UserId(period.PersonId);
            var (first, last) = (period.FirstDay, period.LastDay);
            events.Add(AllDay(ReminderKeys.RotationPeriod(bodyId, period.Index), [chair], first, last,
                new LocalizedText($"{bodyName}轮值主席", $"Rotating chair of {bodyName}")));
            reminders.AddRange(Turn(ReminderKind.Rotation, period.Reminders, ReminderAudience.People(chair),
                moment => ReminderKeys.Rotation(bodyId, period.Index, moment, chair),
                ahead: (new LocalizedText($"轮值主席提醒：{bodyName}", $"Rotating chair from {En(first)}: {bodyName}"), new LocalizedText(
                    $"您将于{Zh(first)}起担任{bodyName}轮值主席（至{Zh(last)}）。轮值期间请配合区域主席策划特色活动、走访联系企业、帮助困难妇女儿童。",
                    $"You are the rotating chair of {bodyName} from {En(first)} to {En(last)}. During your period, work with the area chair on activities, visits to enterprises and help for women and children in difficulty.")),
                firstDay: (new LocalizedText($"今日起轮值：{bodyName}", $"Your rotation starts today: {bodyName}"), new LocalizedText(
                    $"今天起您担任{bodyName}轮值主席，至{Zh(last)}。请与上一任轮值主席确认交接。",
                    $"From today you are the rotating chair of {bodyName} until {En(last)}. Please confirm the handover with the previous rotating chair."))));
        }
        return new ReminderPlan(reminders.Where(r => r.DueAt > after).ToList(), events);
    }

    /// <summary>
    /// A swap, skip or leadership change: the people whose periods moved are told at once, with their periods still to
    /// come. Plan it together with <see cref="Rotation"/> for the changed plan, after cancelling the old one.
    /// </summary>
    public static ReminderPlan RotationChanged(Guid bodyId, string bodyName, RotationChange change, DateTimeOffset now)
    {
        var adjustment = change.Plan.Adjustments[^1];
        var today = ChinaInstant.Of(now).LocalDate;
        var reminders = change.PeopleConcerned.Select(UserId).Select(person =>
        {
            var periods = change.Plan.Periods.Where(p => UserId(p.PersonId) == person && p.FirstDay > today).ToList();
            var zh = periods.Count == 0 ? "您在本届任期内已无尚未开始的轮值。" : "您尚未开始的轮值：" + string.Join("、", periods.Select(p => $"{Zh(p.FirstDay)}至{Zh(p.LastDay)}")) + "。";
            var en = periods.Count == 0 ? "You have no period still to come in this term." : "Your periods still to come: " + string.Join(", ", periods.Select(p => $"{En(p.FirstDay)} to {En(p.LastDay)}")) + ".";
            return new PlannedReminder($"{ReminderKeys.RotationChanged(bodyId, change.Plan.Adjustments.Count)}:{person:N}", ReminderKind.Rotation, now,
                ReminderAudience.People(person),
                new LocalizedText($"轮值安排已调整：{bodyName}", $"Rotation changed: {bodyName}"),
                new LocalizedText($"{bodyName}轮值主席团安排已调整（理由：{adjustment.Reason}）。{zh}", $"The rotation of {bodyName} was changed (reason: {adjustment.Reason}). {en}"));
        }).ToList();
        return new ReminderPlan(reminders, []);
    }

    /// <summary>Executive duty groups (seed 003): each turn in its members' calendars; the group is reminded ahead and on its first day.</summary>
    public static ReminderPlan DutyGroups(Guid bodyId, string bodyName, IReadOnlyList<DutyTurn> turns, DateTimeOffset after)
    {
        var reminders = new List<PlannedReminder>();
        var events = new List<PlannedCalendarEvent>();
        foreach (var turn in turns)
        {
            var members = turn.Group.MemberIds.Select(UserId).ToList();
            var (first, last, group) = (turn.FirstDay, turn.LastDay, turn.Group.Number);
            events.Add(AllDay(ReminderKeys.DutyTurn(bodyId, turn.Index), members, first, last,
                new LocalizedText($"{bodyName}执委轮值（第{group}团）", $"Executive duty, group {group}, {bodyName}")));
            reminders.AddRange(Turn(ReminderKind.DutyGroup, turn.Reminders, ReminderAudience.People(members),
                moment => ReminderKeys.DutyGroup(bodyId, turn.Index, moment),
                ahead: (new LocalizedText($"执委轮值提醒：{bodyName}第{group}团", $"Executive duty from {En(first)}: {bodyName}, group {group}"), new LocalizedText(
                    $"{bodyName}执委第{group}团将于{Zh(first)}起轮值（至{Zh(last)}），请商定本期集体活动。",
                    $"Group {group} of the executive members of {bodyName} is on duty from {En(first)} to {En(last)}. Please agree on the group activity of this turn.")),
                firstDay: (new LocalizedText($"今日起执委轮值：{bodyName}第{group}团", $"Executive duty starts today: {bodyName}, group {group}"), new LocalizedText(
                    $"今天起{bodyName}执委第{group}团轮值，至{Zh(last)}。",
                    $"From today group {group} of the executive members of {bodyName} is on duty, until {En(last)}."))));
        }
        return new ReminderPlan(reminders.Where(r => r.DueAt > after).ToList(), events);
    }

    /// <summary>
    /// A quarterly joint meeting (seed 004): in the invitees' and the convener's calendars, with the reminders before it.
    /// The recording task after it is a workflow user task (<c>workflows/joint-meeting-record.json</c>), whose reminders
    /// and escalation the engine sends.
    /// </summary>
    public static ReminderPlan JointMeeting(Guid meetingGroupId, string groupName, JointMeetingProposal meeting, Guid convener, IReadOnlyList<Guid> invitees,
        DateTimeOffset after, string? location = null, TimeSpan? duration = null)
    {
        var people = invitees.Prepend(convener).Distinct().ToList();
        var start = meeting.Start;
        var time = start.LocalTime.ToString("HH:mm", CultureInfo.InvariantCulture);
        var place = location is null ? "" : $"，地点：{location}";
        var placeEn = location is null ? "" : $", at {location}";
        var events = new List<PlannedCalendarEvent>
        {
            new(ReminderKeys.Meeting(meetingGroupId, meeting.Year, meeting.Quarter), people, start.Utc, start.Utc + (duration ?? TimeSpan.FromHours(2)), false,
                new LocalizedText($"{groupName}联席会（{meeting.Year}年第{meeting.Quarter}季度）", $"Joint meeting of {groupName} ({meeting.Year} Q{meeting.Quarter})"), location),
        };
        var reminders = meeting.Reminders.Select(at =>
        {
            var days = start.LocalDate.DayNumber - at.LocalDate.DayNumber;
            return new PlannedReminder(ReminderKeys.JointMeeting(meetingGroupId, meeting.Year, meeting.Quarter, days), ReminderKind.JointMeeting, at.Utc,
                ReminderAudience.People(people),
                new LocalizedText($"联席会提醒：{groupName}", $"Joint meeting on {En(start.LocalDate)}: {groupName}"),
                new LocalizedText(
                    $"{groupName}各妇联主席联席会定于{Zh(start.LocalDate)} {time}召开{place}，邀请镇分管领导、妇联主席商讨工作计划、活动方案。",
                    $"The joint meeting of the federation chairs of {groupName} is on {En(start.LocalDate)} at {time} (China time){placeEn}; town leaders are invited to discuss the work plan and activities."));
        });
        return new ReminderPlan(reminders.Where(r => r.DueAt > after).ToList(), events);
    }

    /// <summary>Re-election (换届): the body is reminded months before its term ends, by default six and one.</summary>
    public static ReminderPlan ReElection(Guid bodyId, string bodyName, ReElectionSchedule schedule, ReminderAudience to, DateTimeOffset after)
    {
        var end = schedule.TermEnd;
        var reminders = schedule.Reminders.Select(r => new PlannedReminder(
            ReminderKeys.ReElection(bodyId, end, r.MonthsBefore), ReminderKind.ReElection, r.At.Utc, to,
            new LocalizedText($"换届提醒：{bodyName}", $"Re-election due: {bodyName}"),
            new LocalizedText(
                $"{bodyName}本届任期将于{Zh(end)}届满（还有{r.MonthsBefore}个月），请由本届执委会着手筹备换届选举。",
                $"The term of {bodyName} ends on {En(end)} ({r.MonthsBefore} month(s) from now); the outgoing executive committee should prepare the re-election.")));
        return new ReminderPlan(reminders.Where(r => r.DueAt > after).ToList(), []);
    }

    /// <summary>The two reminders of a turn (rotation period or duty turn): some days ahead, and on its first day.</summary>
    private static PlannedReminder[] Turn(ReminderKind kind, TurnReminders at, ReminderAudience to, Func<string, string> key,
        (LocalizedText Subject, LocalizedText Body) ahead, (LocalizedText Subject, LocalizedText Body) firstDay) =>
    [
        new(key(ReminderKeys.Ahead), kind, at.Ahead.Utc, to, ahead.Subject, ahead.Body),
        new(key(ReminderKeys.FirstDay), kind, at.OnFirstDay.Utc, to, firstDay.Subject, firstDay.Body),
    ];

    private static PlannedCalendarEvent AllDay(string key, IReadOnlyList<Guid> people, DateOnly first, DateOnly last, LocalizedText summary) =>
        new(key, people, ChinaInstant.At(first, TimeOnly.MinValue).Utc, ChinaInstant.At(last.AddDays(1), TimeOnly.MinValue).Utc, true, summary);

    private static Guid UserId(string personId) =>
        Guid.TryParse(personId, out var id) ? id : throw new ArgumentException($"'{personId}' is not a user id; schedules for reminders list people by user id");

    private static string Zh(DateOnly date) => date.ToString("yyyy年M月d日", CultureInfo.InvariantCulture);

    private static string En(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
