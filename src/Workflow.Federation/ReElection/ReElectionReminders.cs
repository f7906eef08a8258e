using Workflow.Federation.Reminders;

namespace Workflow.Federation.ReElection;

/// <summary>The re-election reminders (换届), for <see cref="IReminderPlanning"/>.</summary>
public static class ReElectionReminders
{
    /// <summary>Re-election (换届): the body is reminded months before its term ends, by default six and one.</summary>
    public static ReminderPlan Plan(Guid bodyId, string bodyName, ReElectionSchedule schedule, ReminderAudience to, DateTimeOffset after)
    {
        var end = schedule.TermEnd;
        var reminders = schedule.Reminders.Select(r => new PlannedReminder(
            ReminderKeys.ReElection(bodyId, end, r.MonthsBefore), ReminderKind.ReElection, r.At.Utc, to,
            new LocalizedText($"换届提醒：{bodyName}", $"Re-election due: {bodyName}"),
            new LocalizedText(
                $"{bodyName}本届任期将于{ReminderParts.Zh(end)}届满（还有{r.MonthsBefore}个月），请由本届执委会着手筹备换届选举。",
                $"The term of {bodyName} ends on {ReminderParts.En(end)} ({r.MonthsBefore} month(s) from now); the outgoing executive committee should prepare the re-election.")));
        return new ReminderPlan(reminders.Where(r => r.DueAt > after).ToList(), []);
    }
}
