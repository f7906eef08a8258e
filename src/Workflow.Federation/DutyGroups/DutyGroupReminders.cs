using Workflow.Federation.Reminders;

namespace Workflow.Federation.DutyGroups;

/// <summary>The duty groups' reminders and calendar entries, for <see cref="IReminderPlanning"/>.</summary>
public static class DutyGroupReminders
{
    /// <summary>Executive duty groups (seed 003): each turn in its members' calendars; the group is reminded ahead and on its first day.</summary>
    public static ReminderPlan Plan(Guid bodyId, string bodyName, IReadOnlyList<DutyTurn> turns, DateTimeOffset after)
    {
        var reminders = new List<PlannedReminder>();
        var events = new List<PlannedCalendarEvent>();
        foreach (var turn in turns)
        {
            var members = turn.Group.MemberIds.Select(ReminderParts.UserId).ToList();
            var (first, last, group) = (turn.FirstDay, turn.LastDay, turn.Group.Number);
            var (moved, movedEn) = turn.Moved is { } why ? ($"（{why.Zh}）", $" ({why.En})") : ("", "");
            events.Add(ReminderParts.AllDay(ReminderKeys.DutyTurn(bodyId, turn.Index), members, first, last,
                new LocalizedText($"{bodyName}执委轮值（第{group}团）", $"Executive duty, group {group}, {bodyName}")));
            reminders.AddRange(ReminderParts.Turn(ReminderKind.DutyGroup, turn.Reminders, ReminderAudience.People(members),
                moment => ReminderKeys.DutyGroup(bodyId, turn.Index, moment),
                ahead: (new LocalizedText($"执委轮值提醒：{bodyName}第{group}团", $"Executive duty from {ReminderParts.En(first)}: {bodyName}, group {group}"), new LocalizedText(
                    $"{bodyName}执委第{group}团将于{ReminderParts.Zh(first)}起轮值{moved}（至{ReminderParts.Zh(last)}），请商定本期集体活动。",
                    $"Group {group} of the executive members of {bodyName} is on duty from {ReminderParts.En(first)}{movedEn} to {ReminderParts.En(last)}. Please agree on the group activity of this turn.")),
                firstDay: (new LocalizedText($"今日起执委轮值：{bodyName}第{group}团", $"Executive duty starts today: {bodyName}, group {group}"), new LocalizedText(
                    $"今天起{bodyName}执委第{group}团轮值{moved}，至{ReminderParts.Zh(last)}。",
                    $"From today{movedEn} group {group} of the executive members of {bodyName} is on duty, until {ReminderParts.En(last)}."))));
        }
        return new ReminderPlan(reminders.Where(r => r.DueAt > after).ToList(), events);
    }
}
