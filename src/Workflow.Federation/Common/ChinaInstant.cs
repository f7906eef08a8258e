using EngineSchedules = Workflow.Engine.Definitions.Schedules;

namespace Workflow.Federation.Common;

/// <summary>
/// A moment as people in China read it (Asia/Shanghai wall-clock date and time) and as it is stored
/// and scheduled (UTC). Schedules are set in local time (issue 5: a meeting "at 09:30" is 09:30 in China).
/// </summary>
public sealed record ChinaInstant(DateOnly LocalDate, TimeOnly LocalTime, DateTimeOffset Utc)
{
    /// <summary>The engine's Asia/Shanghai zone, so timers and schedules read wall-clock times alike.</summary>
    public static TimeZoneInfo Zone => EngineSchedules.China;

    public static ChinaInstant At(DateOnly localDate, TimeOnly localTime)
    {
        var utc = TimeZoneInfo.ConvertTimeToUtc(localDate.ToDateTime(localTime, DateTimeKind.Unspecified), Zone);
        return new ChinaInstant(localDate, localTime, new DateTimeOffset(utc, TimeSpan.Zero));
    }

    public static ChinaInstant Of(DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, Zone).DateTime;
        return new ChinaInstant(DateOnly.FromDateTime(local), TimeOnly.FromDateTime(local), instant.ToUniversalTime());
    }

    public ChinaInstant Add(TimeSpan span) => Of(Utc + span);

    /// <summary>ISO 8601 with China's offset (2027-03-01T09:00:00+08:00), as workflow timers read a moment.</summary>
    public string Iso => Utc.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);

    public override string ToString() => $"{LocalDate:yyyy-MM-dd} {LocalTime:HH\\:mm} Asia/Shanghai ({Utc:yyyy-MM-ddTHH\\:mm\\:ssZ})";
}
