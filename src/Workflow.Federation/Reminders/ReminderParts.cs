using System.Globalization;
using Workflow.Federation.Common;

namespace Workflow.Federation.Reminders;

/// <summary>What every schedule's reminders share: the two reminders of a turn, all-day calendar entries, people as account ids, dates as people read them.</summary>
internal static class ReminderParts
{
    /// <summary>The two reminders of a turn (rotation period or duty turn): some days ahead, and on its first day.</summary>
    internal static PlannedReminder[] Turn(ReminderKind kind, TurnReminders at, ReminderAudience to, Func<string, string> key,
        (LocalizedText Subject, LocalizedText Body) ahead, (LocalizedText Subject, LocalizedText Body) firstDay) =>
    [
        new(key(ReminderKeys.Ahead), kind, at.Ahead.Utc, to, ahead.Subject, ahead.Body),
        new(key(ReminderKeys.FirstDay), kind, at.OnFirstDay.Utc, to, firstDay.Subject, firstDay.Body),
    ];

    internal static PlannedCalendarEvent AllDay(string key, IReadOnlyList<Guid> people, DateOnly first, DateOnly last, LocalizedText summary) =>
        new(key, people, ChinaInstant.At(first, TimeOnly.MinValue).Utc, ChinaInstant.At(last.AddDays(1), TimeOnly.MinValue).Utc, true, summary);

    internal static Guid UserId(string personId) =>
        Guid.TryParse(personId, out var id) ? id : throw new ArgumentException($"'{personId}' is not a user id; schedules for reminders list people by user id");

    internal static string Zh(DateOnly date) => date.ToString("yyyy年M月d日", CultureInfo.InvariantCulture);

    internal static string En(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
