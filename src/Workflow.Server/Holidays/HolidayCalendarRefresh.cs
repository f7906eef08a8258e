using Workflow.Federation.Holidays;
using Workflow.Server.Hosting;

namespace Workflow.Server.Holidays;

/// <summary>
/// Keeps this node's working calendar current: read before the first request, so a restarted node never plans on the shipped
/// notices alone, then again every <c>Holidays:RefreshSeconds</c> (60) on the service clock, so an override an admin set on
/// another node governs the due dates this node computes within that time, not only after its hourly planning.
/// </summary>
internal sealed class HolidayCalendarRefresh(HolidayCalendar calendar, HolidayRefreshOptions options, TimeProvider clock, ILogger<HolidayCalendarRefresh> logger)
    : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await calendar.CurrentAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    // When a read fails, the calendar as last read stays in use and the next tick tries again.
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => PeriodicWork.RunAsync(options.Interval, clock,
        calendar.CurrentAsync,
        (ex, _) =>
        {
            logger.LogWarning(ex, "Holidays: reading the admins' overrides failed; keeping the calendar read before");
            return Task.CompletedTask;
        },
        stoppingToken);
}

/// <summary>How often a node reads the holiday overrides again (<c>Holidays:RefreshSeconds</c>, 5 to 3600, default 60).</summary>
internal sealed record HolidayRefreshOptions(TimeSpan Interval)
{
    public static HolidayRefreshOptions From(IConfiguration configuration) =>
        new(TimeSpan.FromSeconds(Math.Clamp(configuration.GetValue("Holidays:RefreshSeconds", 60), 5, 3600)));
}

public static class HolidaysRegistration
{
    /// <summary>After the start-up tasks: the refresh reads the overrides from a migrated database.</summary>
    public static IServiceCollection AddHolidayRefresh(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(HolidayRefreshOptions.From(configuration));
        services.AddHostedService<HolidayCalendarRefresh>();
        return services;
    }
}
