using EngineSchedules = Workflow.Engine.Definitions.Schedules;

namespace Workflow.Federation.Schedules;

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

    public override string ToString() => $"{LocalDate:yyyy-MM-dd} {LocalTime:HH\\:mm} Asia/Shanghai ({Utc:yyyy-MM-ddTHH\\:mm\\:ssZ})";
}
