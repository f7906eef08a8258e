using System.Globalization;
using Workflow.Federation.Common;

namespace Workflow.Server.Pages.Site;

/// <summary>Moments as people write them, in China time whatever the server's zone: 2026年12月1日 星期二 14:30, or Tuesday, 1 December 2026, 14:30.</summary>
public static class PeopleDates
{
    private static readonly string[] s_weekdays = ["星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"];

    public static string Date(DateOnly date) => Phrase.IsEnglish
        ? date.ToString("dddd, d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"))
        : $"{date.Year}年{date.Month}月{date.Day}日 {s_weekdays[(int)date.DayOfWeek]}";

    public static string Date(DateTimeOffset instant) => Date(ChinaInstant.Of(instant).LocalDate);

    public static string DateTime(DateTimeOffset instant)
    {
        var china = ChinaInstant.Of(instant);
        var time = china.LocalTime.ToString("HH:mm", CultureInfo.InvariantCulture);
        return Phrase.IsEnglish ? $"{Date(china.LocalDate)}, {time}" : $"{Date(china.LocalDate)} {time}";
    }

    /// <summary>The machine-readable form for a <c>&lt;time datetime&gt;</c> attribute.</summary>
    public static string Iso(DateTimeOffset instant) => ChinaInstant.Of(instant).Iso;
}
