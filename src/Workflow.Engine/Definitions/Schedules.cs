using Cronos;

namespace Workflow.Engine.Definitions;

/// <summary>Time-zone and cron arithmetic for timers. Local wall-clock times (a meeting "at 09:30") are read in the timer's zone, default Asia/Shanghai.</summary>
public static class Schedules
{
    public const string ChinaTimeZoneId = "Asia/Shanghai";

    public static TimeZoneInfo China { get; } = TimeZoneInfo.FindSystemTimeZoneById(ChinaTimeZoneId);

    public static bool TryFindZone(string id, out TimeZoneInfo zone)
    {
        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(id);
            return true;
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            zone = TimeZoneInfo.Utc;
            return false;
        }
    }

    public static string? CronError(string expression)
    {
        try
        {
            CronExpression.Parse(expression);
            return null;
        }
        catch (CronFormatException ex)
        {
            return $"cron expression does not parse: {ex.Message}";
        }
    }

    /// <summary>The first occurrence strictly after <paramref name="after"/>, in UTC.</summary>
    public static DateTimeOffset? NextCron(string expression, string zoneId, DateTimeOffset after)
    {
        TryFindZone(zoneId, out var zone);
        var next = CronExpression.Parse(expression).GetNextOccurrence(after.UtcDateTime, zone, inclusive: false);
        return next is null ? null : new DateTimeOffset(next.Value, TimeSpan.Zero);
    }
}
