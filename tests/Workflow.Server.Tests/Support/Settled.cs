using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Federation.Common;
using Workflow.Server.Notifications;
using Workflow.Server.Reminders;
using Workflow.Server.Storage;

namespace Workflow.Server.Tests.Support;

/// <summary>Waiting for the service to finish what it has to do, instead of sleeping for a guessed time.</summary>
public static class Settled
{
    /// <summary>The date in China on the service's clock.</summary>
    public static DateOnly Today(this ServiceFactory factory) => ChinaInstant.Of(factory.Clock.GetUtcNow()).LocalDate;

    /// <summary>
    /// Waits until nothing is left to do at the clock's present moment, twice in a row: no job queued, none that Hangfire
    /// will wake within the next seconds of the wall clock, no reminder due and undelivered, no e-mail or webhook pending.
    /// A job already woken and waiting for a later moment of the service clock is not work left: the clock has not got there.
    /// </summary>
    public static async Task SettledAsync(this ServiceFactory factory, bool heldIsSettled = false)
    {
        var monitor = factory.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        var contexts = factory.Services.GetRequiredService<IDbContextFactory<ServiceDbContext>>();
        var quietInARow = 0;
        var settled = await Eventually.HoldsAsync(async () =>
        {
            quietInARow = await IsQuietAsync(monitor, contexts, factory.Clock.GetUtcNow(), heldIsSettled) ? quietInARow + 1 : 0;
            return quietInARow >= 2;
        }, TimeSpan.FromSeconds(20));
        Assert.True(settled, "the service still had work at the clock's present moment after 20 s");
    }

    /// <summary>
    /// Lets time pass on the service clock, a second per poll (about ten times faster than the wall clock), until the
    /// condition holds: for retries and back-offs, whose jobs Hangfire still wakes on the wall clock.
    /// </summary>
    public static Task<bool> PassTimeUntilAsync(this ServiceFactory factory, Func<Task<bool>> condition) =>
        Eventually.HoldsAsync(async () =>
        {
            if (await condition()) return true;
            factory.Clock.Advance(TimeSpan.FromSeconds(1));
            return false;
        }, TimeSpan.FromSeconds(20));

    public static Task<bool> PassTimeUntilAsync(this ServiceFactory factory, Func<bool> condition) => factory.PassTimeUntilAsync(() => Task.FromResult(condition()));

    private static async Task<bool> IsQuietAsync(Hangfire.Storage.IMonitoringApi monitor, IDbContextFactory<ServiceDbContext> contexts, DateTimeOffset now, bool heldIsSettled)
    {
        if (monitor.GetStatistics().Enqueued > 0) return false;
        // Hangfire wakes jobs on the wall clock, not on the service's.
        var soon = TimeProvider.System.GetUtcNow().UtcDateTime + TimeSpan.FromSeconds(5);
        if (monitor.ScheduledJobs(0, 10_000).Any(j => j.Value.EnqueueAt <= soon)) return false;
        await using var db = await contexts.CreateDbContextAsync();
        return !await db.Reminders.AnyAsync(r => r.Status == ReminderStatus.Scheduled && r.DueAt <= now)
            && !await db.Deliveries.AnyAsync(d => d.State == DeliveryState.Pending
                // A delivery held by quiet hours is unclaimed (no attempt yet) with its lease at the window's end.
                && !(heldIsSettled && d.Attempts == 0 && d.LeaseUntil > now));
    }
}
