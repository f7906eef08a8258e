using Workflow.Federation.Common;

namespace Workflow.Server.Notifications;

/// <summary>
/// A person's quiet hours in China time (UTC+8 all year: China has kept no daylight saving since 1991). A reminder that
/// falls due inside the window is held to its end; the window may run over midnight (21:00–08:00, the default).
/// </summary>
public static class QuietWindow
{
    public static readonly TimeOnly DefaultFrom = new(21, 0);
    public static readonly TimeOnly DefaultUntil = new(8, 0);

    /// <summary>When a delivery due at <paramref name="now"/> may go out: null at once, else the end of the quiet window.</summary>
    public static DateTimeOffset? HeldUntil(NotificationSettingsRow? settings, DateTimeOffset now)
    {
        var (on, from, until) = settings is null ? (true, DefaultFrom, DefaultUntil) : (settings.QuietHours, settings.QuietFrom, settings.QuietUntil);
        if (!on || from == until) return null;
        var local = ChinaInstant.Of(now);
        var time = local.LocalTime;
        var overMidnight = from > until;
        var inside = overMidnight ? time >= from || time < until : time >= from && time < until;
        if (!inside) return null;
        var day = overMidnight && time >= from ? local.LocalDate.AddDays(1) : local.LocalDate;
        return ChinaInstant.At(day, until).Utc;
    }

    /// <summary>The mark a held message carries in its subject.</summary>
    public static string HeldMark(string? language) => Workflow.Federation.Reminders.LocalizedText.IsEnglish(language) ? "[Held overnight] " : "【夜间暂存】";
}
