using Hangfire;
using Microsoft.EntityFrameworkCore;
using Workflow.Persistence.Storage;
using Workflow.Server.Reminders;
using Workflow.Server.Storage;
using Workflow.Server.Webhooks;

namespace Workflow.Server.Notifications;

/// <summary>Sends one pending e-mail or webhook delivery through its channel.</summary>
public interface IDeliverySender
{
    DeliveryChannel Channel { get; }

    Task SendAsync(DeliveryRow delivery, CancellationToken cancellationToken);

    /// <summary>A paced channel's own queue picks up retries from the outbox (by their lease), so no job is scheduled for them.</summary>
    bool Paced => false;
}

/// <summary>The channel asks to wait (rate limited): the delivery is tried again at <see cref="Until"/> without spending an attempt.</summary>
public sealed class DeliveryPostponedException(DateTimeOffset until, string reason) : Exception(reason)
{
    public DateTimeOffset Until { get; } = until;
}

/// <summary>The channel refused the message for good (a bad address, a signature it does not accept): a dead letter at once, with its reason.</summary>
public sealed class DeliveryRefusedException(string reason) : Exception(reason);

/// <summary>
/// Sends a pending delivery: claims it (a conditional update, so one sender at a time across nodes), sends, marks it
/// sent. A failure waits with back-off and tries again; after the last try the delivery is dead and a dead letter row
/// keeps what was to be sent.
/// </summary>
public sealed class DeliveryJob(
    IDbContextFactory<ServiceDbContext> contexts,
    WriteGate gate,
    IEnumerable<IDeliverySender> senders,
    ReminderScheduler scheduler,
    DeliveryOptions options,
    TimeProvider clock,
    ILogger<DeliveryJob> logger)
{
    // Hangfire's own retries would resend outside the back-off and the attempt count kept here.
    [AutomaticRetry(Attempts = 0)]
    public async Task SendAsync(Guid deliveryId, CancellationToken cancellationToken)
    {
        var delivery = await ClaimAsync(deliveryId, cancellationToken);
        if (delivery is null) return;
        var sender = senders.FirstOrDefault(s => s.Channel == delivery.Channel);
        try
        {
            await (sender ?? throw new InvalidOperationException($"no sender for the {delivery.Channel} channel")).SendAsync(delivery, cancellationToken);
        }
        catch (DeliveryPostponedException postponed)
        {
            logger.LogInformation("Delivery {DeliveryId} ({Channel}) postponed to {Until:O}: {Reason}", delivery.Id, delivery.Channel, postponed.Until, postponed.Message);
            await UpdateAsync(deliveryId, d =>
            {
                d.LeaseUntil = postponed.Until;
                d.Attempts--;
                d.LastError = postponed.Message;
            }, CancellationToken.None);
            if (sender is not { Paced: true }) scheduler.ScheduleSend(deliveryId, postponed.Until);
            return;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping mid-send: whether it went out is unknown, so give the row back for the next start to send (at least once).
            await UpdateAsync(deliveryId, d => d.LeaseUntil = clock.GetUtcNow(), CancellationToken.None);
            throw;
        }
        catch (Exception ex)
        {
            // Once claimed, the row is always given back or settled, even when the service is stopping: a cancelled
            // bookkeeping write would leave it held for the whole lease (and a sent message unmarked, to be sent again).
            await FailAsync(delivery, ex, sender is { Paced: true }, CancellationToken.None);
            return;
        }
        await UpdateAsync(deliveryId, d =>
        {
            d.State = DeliveryState.Sent;
            d.SentAt = clock.GetUtcNow();
            d.LastError = null;
        }, CancellationToken.None);
    }

    /// <summary>Takes the delivery if it is pending and nobody holds it: one row updated means it is ours until the lease ends.</summary>
    private async Task<DeliveryRow?> ClaimAsync(Guid deliveryId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var until = now + options.Lease;
        using (await gate.EnterAsync(cancellationToken))
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var claimed = await db.Deliveries
                .Where(d => d.Id == deliveryId && d.State == DeliveryState.Pending && d.LeaseUntil <= now)
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.LeaseUntil, until).SetProperty(d => d.Attempts, d => d.Attempts + 1), cancellationToken);
            if (claimed == 0) return null;
            return await db.Deliveries.AsNoTracking().SingleAsync(d => d.Id == deliveryId, CancellationToken.None);
        }
    }

    private async Task FailAsync(DeliveryRow delivery, Exception error, bool paced, CancellationToken cancellationToken)
    {
        var retry = options.RetryFor(delivery.Channel);
        var message = error.GetBaseException().Message;
        if (delivery.Attempts < retry.Attempts && error is not DeliveryRefusedException)
        {
            var next = clock.GetUtcNow() + retry.DelayAfter(delivery.Attempts);
            logger.LogWarning("Delivery {DeliveryId} ({Channel}, {Key}) failed attempt {Attempt} of {Attempts}: {Error}; next at {Next:O}",
                delivery.Id, delivery.Channel, delivery.Key, delivery.Attempts, retry.Attempts, message, next);
            await UpdateAsync(delivery.Id, d =>
            {
                d.LeaseUntil = next;
                d.LastError = message;
            }, cancellationToken);
            if (!paced) scheduler.ScheduleSend(delivery.Id, next);
            return;
        }
        logger.LogError("Delivery {DeliveryId} ({Channel}, {Key}) failed after {Attempts} attempts: {Error}; kept as a dead letter",
            delivery.Id, delivery.Channel, delivery.Key, delivery.Attempts, message);
        var now = clock.GetUtcNow();
        await UpdateAsync(delivery.Id, d =>
        {
            d.State = DeliveryState.Dead;
            d.LastError = message;
        }, cancellationToken, db => db.DeadLetters.Add(new DeadLetterRow
        {
            Id = Guid.CreateVersion7(now), DeliveryId = delivery.Id, Channel = delivery.Channel, Key = delivery.Key, RecipientId = delivery.RecipientId,
            Target = delivery.Target, Payload = delivery.Payload, Attempts = delivery.Attempts, LastError = message, FailedAt = now,
        }));
    }

    private async Task UpdateAsync(Guid deliveryId, Action<DeliveryRow> change, CancellationToken cancellationToken, Action<ServiceDbContext>? also = null)
    {
        using (await gate.EnterAsync(CancellationToken.None))
        {
            // Not cancelled by a stop: once sent, the mark must land, or the restart would send again.
            await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
            var row = await db.Deliveries.SingleAsync(d => d.Id == deliveryId, CancellationToken.None);
            change(row);
            also?.Invoke(db);
            await db.SaveChangesAsync(CancellationToken.None);
        }
        cancellationToken.ThrowIfCancellationRequested();
    }
}
