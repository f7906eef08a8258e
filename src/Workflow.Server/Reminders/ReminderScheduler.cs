using System.Collections.Concurrent;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Workflow.Server.Notifications;
using Workflow.Server.Storage;

namespace Workflow.Server.Reminders;

/// <summary>What a start-up rebuild found and handed to Hangfire, and how long it took.</summary>
public sealed record ReminderRebuild(int Jobs, int RemindersInHorizon, int PendingDeliveries, TimeSpan Took);

/// <summary>
/// Turns due times into Hangfire jobs. A job does not carry a reminder: it says "deliver what falls due in this second",
/// and the database says what that is, so a job that runs twice, late, or after its reminder was moved or cancelled does
/// no harm. Reminders due in the same second share one job, woken <see cref="ReminderOptions.JobLead"/> ahead (Hangfire
/// schedules by whole seconds and polls), which then waits for each due time itself. Only due times within the horizon
/// are handed to Hangfire; the horizon moves on with a timer, and a restart rebuilds it from the database.
/// </summary>
public sealed class ReminderScheduler(IBackgroundJobClient jobs, IDbContextFactory<ServiceDbContext> contexts, ReminderOptions options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<long, byte> _scheduledSeconds = new();
    private long _horizonEndTicks = (clock.GetUtcNow() + options.Horizon).UtcTicks;

    public DateTimeOffset HorizonEnd => new(Interlocked.Read(ref _horizonEndTicks), TimeSpan.Zero);

    public ReminderRebuild? LastRebuild { get; private set; }

    /// <summary>Hands due times to Hangfire: those already due as one immediate sweep, those within the horizon as one job per second.</summary>
    public int Schedule(IEnumerable<DateTimeOffset> dueTimes)
    {
        var now = clock.GetUtcNow();
        var horizonEnd = HorizonEnd;
        var created = 0;
        var sweepNow = false;
        foreach (var second in dueTimes.Select(FloorToSecond).Distinct())
        {
            if (second + TimeSpan.FromSeconds(1) <= now)
            {
                sweepNow = true;
                continue;
            }
            if (second >= horizonEnd || !_scheduledSeconds.TryAdd(second.UtcTicks, 0)) continue;
            var wake = second - options.JobLead - now;
            // The delay is measured on the service clock, so a clock set ahead in tests still fires on its schedule.
            if (wake <= TimeSpan.Zero) jobs.Enqueue<ReminderJob>(job => job.SweepAsync(second, CancellationToken.None));
            else jobs.Schedule<ReminderJob>(job => job.SweepAsync(second, CancellationToken.None), wake);
            created++;
        }
        if (sweepNow)
        {
            jobs.Enqueue<ReminderJob>(job => job.SweepAsync(FloorToSecond(now), CancellationToken.None));
            created++;
        }
        return created;
    }

    /// <summary>
    /// Called as a sweep job starts: a reminder planned for this second from now on gets a job of its own again,
    /// while one committed before this point is seen by the job that is starting.
    /// </summary>
    internal void Started(DateTimeOffset second) => _scheduledSeconds.TryRemove(second.UtcTicks, out _);

    /// <summary>At start-up: every reminder still to deliver within the horizon (or overdue) and every unfinished e-mail or webhook get their jobs again.</summary>
    public async Task<ReminderRebuild> RebuildAsync(CancellationToken cancellationToken)
    {
        var started = clock.GetTimestamp();
        var now = clock.GetUtcNow();
        Interlocked.Exchange(ref _horizonEndTicks, (now + options.Horizon).UtcTicks);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var horizonEnd = HorizonEnd;
        var dueTimes = await db.Reminders.AsNoTracking()
            .Where(r => r.Status == ReminderStatus.Scheduled && r.DueAt < horizonEnd)
            .GroupBy(r => r.DueAt).Select(g => new { DueAt = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var created = Schedule(dueTimes.Select(d => d.DueAt));

        // Robot deliveries wait in the outbox for the robot queue, which paces them per robot.
        var pending = await db.Deliveries.AsNoTracking().Where(d => d.State == DeliveryState.Pending && d.Channel != DeliveryChannel.Robot)
            .Select(d => new { d.Id, d.LeaseUntil }).ToListAsync(cancellationToken);
        foreach (var delivery in pending)
            ScheduleSend(delivery.Id, delivery.LeaseUntil);

        var rebuild = new ReminderRebuild(created + pending.Count, dueTimes.Sum(d => d.Count), pending.Count, clock.GetElapsedTime(started));
        LastRebuild = rebuild;
        return rebuild;
    }

    /// <summary>Moves the horizon to now + horizon and schedules the due times that came within it.</summary>
    public async Task<int> ExtendHorizonAsync(CancellationToken cancellationToken)
    {
        var from = HorizonEnd;
        var to = clock.GetUtcNow() + options.Horizon;
        if (to <= from) return 0;
        // Move the mark first: a reminder planned meanwhile is then either seen by the query below or schedules itself.
        Interlocked.Exchange(ref _horizonEndTicks, to.UtcTicks);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var dueTimes = await db.Reminders.AsNoTracking()
            .Where(r => r.Status == ReminderStatus.Scheduled && r.DueAt >= from && r.DueAt < to)
            .Select(r => r.DueAt).Distinct().ToListAsync(cancellationToken);
        return Schedule(dueTimes);
    }

    /// <summary>
    /// Work a lost job left behind: a reminder overdue by more than a minute that no sweep took (its job could not be
    /// created), and a pending e-mail or webhook whose holder's lease ran out over a minute ago. Both get a job again;
    /// the sweep and the send claim what they deliver, so a job too many does nothing.
    /// </summary>
    public async Task<int> RecoverStrandedAsync(CancellationToken cancellationToken)
    {
        var before = clock.GetUtcNow() - TimeSpan.FromMinutes(1);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var overdue = await db.Reminders.AnyAsync(r => r.Status == ReminderStatus.Scheduled && r.DueAt < before, cancellationToken);
        if (overdue) Schedule([before]);
        var stranded = await db.Deliveries.Where(d => d.State == DeliveryState.Pending && d.Channel != DeliveryChannel.Robot && d.LeaseUntil < before).Select(d => d.Id).ToListAsync(cancellationToken);
        foreach (var id in stranded) ScheduleSend(id, before);
        return stranded.Count + (overdue ? 1 : 0);
    }

    /// <summary>Sends (or tries again) a pending e-mail or webhook at <paramref name="notBefore"/>, or now.</summary>
    public void ScheduleSend(Guid deliveryId, DateTimeOffset notBefore)
    {
        // Hangfire keeps schedules in whole seconds and may start a job up to a second early; a send that starts before
        // the lease it waits for has ended would find nothing to claim, so aim at the next whole second.
        var delay = CeilingToSecond(notBefore) - clock.GetUtcNow();
        if (delay <= TimeSpan.Zero) jobs.Enqueue<DeliveryJob>(job => job.SendAsync(deliveryId, CancellationToken.None));
        else jobs.Schedule<DeliveryJob>(job => job.SendAsync(deliveryId, CancellationToken.None), delay);
    }

    private static DateTimeOffset CeilingToSecond(DateTimeOffset instant) =>
        instant.UtcTicks % TimeSpan.TicksPerSecond == 0 ? instant : FloorToSecond(instant) + TimeSpan.FromSeconds(1);

    private static DateTimeOffset FloorToSecond(DateTimeOffset instant) =>
        new(instant.UtcTicks - (instant.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
}

/// <summary>The Hangfire job of one second: deliver what is due, then wait for each due time left in that second.</summary>
public sealed class ReminderJob(ReminderSweep sweep, ReminderScheduler scheduler, IDbContextFactory<ServiceDbContext> contexts, TimeProvider clock)
{
    [AutomaticRetry(Attempts = 3)]
    public async Task SweepAsync(DateTimeOffset second, CancellationToken cancellationToken)
    {
        scheduler.Started(second);
        var end = second + TimeSpan.FromSeconds(1);
        while (true)
        {
            await sweep.RunAsync(cancellationToken);
            DateTimeOffset? next;
            await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
                next = await db.Reminders.Where(r => r.Status == ReminderStatus.Scheduled && r.DueAt < end)
                    .OrderBy(r => r.DueAt).Select(r => (DateTimeOffset?)r.DueAt).FirstOrDefaultAsync(cancellationToken);
            if (next is null) return;
            var wait = next.Value - clock.GetUtcNow();
            if (wait > TimeSpan.Zero) await Task.Delay(wait, clock, cancellationToken);
        }
    }
}

/// <summary>Rebuilds the jobs at start-up (after the database is migrated), keeps the horizon moving, and picks up stranded work every minute.</summary>
internal sealed class ReminderStartup(ReminderScheduler scheduler, ReminderOptions options, TimeProvider clock, ILogger<ReminderStartup> logger) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        var rebuild = await scheduler.RebuildAsync(cancellationToken);
        logger.LogInformation("Reminders: {Jobs} jobs rebuilt for {Reminders} reminders within {Horizon} and {Pending} unfinished deliveries in {Elapsed} ms",
            rebuild.Jobs, rebuild.RemindersInHorizon, options.Horizon, rebuild.PendingDeliveries, (int)rebuild.Took.TotalMilliseconds);
        await base.StartAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Hosting.PeriodicWork.RunAsync(
        TimeSpan.FromTicks(Math.Clamp(options.Horizon.Ticks / 4, TimeSpan.TicksPerSecond, TimeSpan.TicksPerMinute)), clock,
        async cancellationToken =>
        {
            await scheduler.ExtendHorizonAsync(cancellationToken);
            await scheduler.RecoverStrandedAsync(cancellationToken);
        },
        async (ex, cancellationToken) =>
        {
            // The mark has already moved, so a plain retry would skip the window that failed; a rebuild covers it.
            logger.LogError(ex, "Reminders: extending the job horizon failed; rebuilding");
            await scheduler.RebuildAsync(cancellationToken);
        },
        stoppingToken);
}
