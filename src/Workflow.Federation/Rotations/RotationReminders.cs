using Workflow.Federation.Common;
using Workflow.Federation.Reminders;

namespace Workflow.Federation.Rotations;

/// <summary>The rotation's reminders and calendar entries, for <see cref="IReminderPlanning"/>; person ids in the plan are account ids.
/// To change a rotation: <c>CancelAsync(ReminderKeys.Prefix("rotation", bodyId))</c>, then plan the new one.</summary>
public static class RotationReminders
{
    /// <summary>The rotating presidium (seed 004): each period in the rotating chair's calendar; she is reminded ahead and on its first day.</summary>
    public static ReminderPlan Plan(Guid bodyId, string bodyName, RotationPlan plan, DateTimeOffset after)
    {
        var reminders = new List<PlannedReminder>();
        var events = new List<PlannedCalendarEvent>();
        foreach (var period in plan.Periods)
        {
            var chair = ReminderParts.UserId(period.PersonId);
            // The first chair, or one who follows herself, has nobody to take over from.
            var handsOver = period.Index > 0 && plan.Periods[period.Index - 1].PersonId != period.PersonId;
            var (first, last) = (period.FirstDay, period.LastDay);
            events.Add(ReminderParts.AllDay(ReminderKeys.RotationPeriod(bodyId, period.Number), [chair], first, last,
                new LocalizedText($"{bodyName}轮值主席", $"Rotating chair of {bodyName}")));
            reminders.AddRange(ReminderParts.Turn(ReminderKind.Rotation, period.Reminders, ReminderAudience.People(chair),
                moment => ReminderKeys.Rotation(bodyId, period.Number, moment, chair),
                ahead: (new LocalizedText($"轮值主席提醒：{bodyName}", $"Rotating chair from {ReminderParts.En(first)}: {bodyName}"), new LocalizedText(
                    $"您将于{ReminderParts.Zh(first)}起担任{bodyName}轮值主席（至{ReminderParts.Zh(last)}）。轮值期间请配合区域主席策划特色活动、走访联系企业、帮助困难妇女儿童。",
                    $"You are the rotating chair of {bodyName} from {ReminderParts.En(first)} to {ReminderParts.En(last)}. During your period, work with the area chair on activities, visits to enterprises and help for women and children in difficulty.")),
                firstDay: (new LocalizedText($"今日起轮值：{bodyName}", $"Your rotation starts today: {bodyName}"), new LocalizedText(
                    $"今天起您担任{bodyName}轮值主席，至{ReminderParts.Zh(last)}。" + (handsOver ? "请与上一任轮值主席确认交接。" : ""),
                    $"From today you are the rotating chair of {bodyName} until {ReminderParts.En(last)}." + (handsOver ? " Please confirm the handover with the previous rotating chair." : "")))));
        }
        return new ReminderPlan(reminders.Where(r => r.DueAt > after).ToList(), events);
    }

    /// <summary>
    /// A swap, skip or leadership change: the people whose periods moved are told at once, with their periods still to
    /// come. Plan it together with <see cref="Plan"/> for the changed plan, after cancelling the old one.
    /// </summary>
    public static ReminderPlan Changed(Guid bodyId, string bodyName, RotationChange change, DateTimeOffset now)
    {
        var adjustment = change.Plan.Adjustments[^1];
        var today = ChinaInstant.Of(now).LocalDate;
        var reminders = change.PeopleConcerned.Select(ReminderParts.UserId).Select(person =>
        {
            var periods = change.Plan.Periods.Where(p => ReminderParts.UserId(p.PersonId) == person && p.FirstDay > today).ToList();
            var zh = periods.Count == 0 ? "您在本届任期内已无尚未开始的轮值。" : "您尚未开始的轮值：" + string.Join("、", periods.Select(p => $"{ReminderParts.Zh(p.FirstDay)}至{ReminderParts.Zh(p.LastDay)}")) + "。";
            var en = periods.Count == 0 ? "You have no period still to come in this term." : "Your periods still to come: " + string.Join(", ", periods.Select(p => $"{ReminderParts.En(p.FirstDay)} to {ReminderParts.En(p.LastDay)}")) + ".";
            return new PlannedReminder($"{ReminderKeys.RotationChanged(bodyId, change.Plan.Adjustments.Count)}:{person:N}", ReminderKind.Rotation, now,
                ReminderAudience.People(person),
                new LocalizedText($"轮值安排已调整：{bodyName}", $"Rotation changed: {bodyName}"),
                new LocalizedText($"{bodyName}轮值主席团安排已调整（理由：{adjustment.Reason}）。{zh}", $"The rotation of {bodyName} was changed (reason: {adjustment.Reason}). {en}"));
        }).ToList();
        return new ReminderPlan(reminders, []);
    }
}
