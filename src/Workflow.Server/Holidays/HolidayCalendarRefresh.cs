using Workflow.Federation.Holidays;
using Workflow.Server.Hosting;

namespace Workflow.Server.Holidays;

/// <summary>
/// Keeps this node's working calendar current: read before the first request, so a restarted node never plans on the shipped
/// notices alone, then again every <c>Holidays:RefreshSeconds</c> (60) on the service clock, so an override an admin set on
/// another node governs the due dates this node computes within that time, not only after its hourly planning. When the read
/// finds the days changed, the tasks this node opened on the old calendar meanwhile follow (<see cref="HolidayChanges.FollowAsync"/>).
/// </summary>
internal sealed class HolidayCalendarRefresh(HolidayCalendar calendar, IServiceProvider services, HolidayRefreshOptions options, TimeProvider clock,
    ILogger<HolidayCalendarRefresh> logger)
    : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await calendar.CurrentAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    private bool _mustFollow;

    // When a read fails, the calendar as last read stays in use and the next tick tries again.
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => PeriodicWork.RunAsync(options.Interval, clock,
        async cancellationToken =>
        {
            // A move that failed is tried again on the next tick, though that read finds no change of its own.
            _mustFollow |= await calendar.RefreshAsync(cancellationToken);
            if (!_mustFollow) return;
            // Resolved here, not injected: the runtime behind it reads secrets from a database the start-up tasks migrate after hosted services are built.
            var moved = await services.GetRequiredService<HolidayChanges>().FollowAsync(cancellationToken);
            _mustFollow = false;
            if (moved > 0) logger.LogInformation("Holidays: the working calendar changed since this node read it; {Moved} open tasks' due dates followed", moved);
        },
        (ex, _) =>
        {
            logger.LogWarning(ex, "Holidays: reading the admins' overrides or moving due dates after them failed; the next refresh tries again");
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
