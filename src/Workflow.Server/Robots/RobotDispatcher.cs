using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Workflow.Persistence.Storage;
using Workflow.Server.Notifications;
using Workflow.Server.Storage;

namespace Workflow.Server.Robots;

/// <summary>
/// Sends what waits for group robots, at most <see cref="RobotOptions.MessagesPerWindow"/> per robot within any
/// <see cref="RobotOptions.Window"/>. The outbox is the queue: a robot delivery stays pending until its turn, so a burst
/// waits and nothing is dropped, and a restart finds the queue where it was. One node at a time drains a robot (it holds
/// the robot row for a while, a conditional update); each send is written to the robot's window before it leaves, so the
/// count holds across nodes and restarts. The send itself is <see cref="DeliveryJob"/>'s: claim, send, mark, retry.
/// </summary>
public sealed class RobotDispatcher(
    IDbContextFactory<ServiceDbContext> contexts,
    WriteGate gate,
    IServiceScopeFactory scopes,
    RobotOptions options,
    TimeProvider clock,
    ILogger<RobotDispatcher> logger) : BackgroundService
{
    private readonly SemaphoreSlim _wake = new(0, 1);

    /// <summary>New robot messages are in the outbox: look now rather than at the next tick.</summary>
    public void Wake()
    {
        try
        {
            if (_wake.CurrentCount == 0) _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already woken.
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await DrainAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Robots: draining the queue failed; trying again at the next tick");
            }
            using var either = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            try
            {
                await Task.WhenAny(_wake.WaitAsync(either.Token), Task.Delay(options.Tick, clock, either.Token));
            }
            finally
            {
                await either.CancelAsync();
            }
        }
    }

    /// <summary>Every robot with a message whose time has come gets its turn; returns how many messages left.</summary>
    public async Task<int> DrainAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        List<string?> targets;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
            targets = await db.Deliveries.AsNoTracking()
                .Where(d => d.Channel == DeliveryChannel.Robot && d.State == DeliveryState.Pending && d.LeaseUntil <= now)
                .Select(d => d.Target).Distinct().ToListAsync(cancellationToken);
        var sent = 0;
        await Parallel.ForEachAsync(targets, new ParallelOptions { MaxDegreeOfParallelism = options.Parallel, CancellationToken = cancellationToken },
            async (target, ct) => Interlocked.Add(ref sent, await DrainRobotAsync(target, ct)));
        return sent;
    }

    private async Task<int> DrainRobotAsync(string? target, CancellationToken cancellationToken)
    {
        var robotId = Guid.TryParse(target, out var parsed) ? parsed : Guid.Empty;
        if (!await HoldAsync(robotId, cancellationToken)) return 0;
        var sent = 0;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var job = scope.ServiceProvider.GetRequiredService<DeliveryJob>();
            while (true)
            {
                var now = clock.GetUtcNow();
                List<Guid> next;
                await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
                {
                    var window = Window(await db.Robots.AsNoTracking().Where(r => r.Id == robotId).Select(r => r.RecentSends).SingleOrDefaultAsync(cancellationToken), now);
                    var allowance = options.MessagesPerWindow - window.Count;
                    if (allowance <= 0) return sent;
                    next = await db.Deliveries.AsNoTracking()
                        .Where(d => d.Channel == DeliveryChannel.Robot && d.Target == target && d.State == DeliveryState.Pending && d.LeaseUntil <= now)
                        .OrderBy(d => d.CreatedAt).ThenBy(d => d.Id).Select(d => d.Id).Take(allowance).ToListAsync(cancellationToken);
                }
                if (next.Count == 0) return sent;
                foreach (var deliveryId in next)
                {
                    // Counted before it leaves: a send cut off half-way may have reached the platform, which counts it too.
                    await RecordSendAsync(robotId, cancellationToken);
                    await job.SendAsync(deliveryId, cancellationToken);
                    sent++;
                }
            }
        }
        finally
        {
            await ReleaseAsync(robotId);
        }
    }

    /// <summary>Takes the robot for this node unless another holds it. A removed robot is not held: its messages go to the sender, which dead-letters them.</summary>
    private async Task<bool> HoldAsync(Guid robotId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var until = now + options.Window;
        using (await gate.EnterAsync(cancellationToken))
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var held = await db.Robots.Where(r => r.Id == robotId && r.BusyUntil <= now)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.BusyUntil, until), cancellationToken);
            return held == 1 || !await db.Robots.AnyAsync(r => r.Id == robotId, cancellationToken);
        }
    }

    private async Task RecordSendAsync(Guid robotId, CancellationToken cancellationToken)
    {
        using (await gate.EnterAsync(cancellationToken))
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var robot = await db.Robots.SingleOrDefaultAsync(r => r.Id == robotId, cancellationToken);
            if (robot is null) return;
            var now = clock.GetUtcNow();
            var window = Window(robot.RecentSends, now);
            window.Add(now.UtcTicks);
            robot.RecentSends = string.Join(',', window.Select(t => t.ToString(CultureInfo.InvariantCulture)));
            robot.BusyUntil = now + options.Window;
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    private async Task ReleaseAsync(Guid robotId)
    {
        using (await gate.EnterAsync(CancellationToken.None))
        {
            // Not cancelled by a stop: a robot left held would wait a whole window after the restart.
            await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
            var now = clock.GetUtcNow();
            await db.Robots.Where(r => r.Id == robotId).ExecuteUpdateAsync(s => s.SetProperty(r => r.BusyUntil, now), CancellationToken.None);
        }
    }

    /// <summary>The send times still inside the window (and its margin) ending now.</summary>
    private List<long> Window(string? recentSends, DateTimeOffset now)
    {
        var from = (now - options.Window - options.Margin).UtcTicks;
        return (recentSends ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(t => long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) ? ticks : 0)
            .Where(t => t > from).ToList();
    }

    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
    }
}
