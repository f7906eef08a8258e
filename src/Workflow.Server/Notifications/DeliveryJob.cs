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
}

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
        try
        {
            var sender = senders.FirstOrDefault(s => s.Channel == delivery.Channel)
                ?? throw new InvalidOperationException($"no sender for the {delivery.Channel} channel");
            await sender.SendAsync(delivery, cancellationToken);
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
            await FailAsync(delivery, ex, CancellationToken.None);
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

    private async Task FailAsync(DeliveryRow delivery, Exception error, CancellationToken cancellationToken)
    {
        var retry = options.RetryFor(delivery.Channel);
        var message = error.GetBaseException().Message;
        if (delivery.Attempts < retry.Attempts)
        {
            var next = clock.GetUtcNow() + retry.DelayAfter(delivery.Attempts);
            logger.LogWarning("Delivery {DeliveryId} ({Channel}, {Key}) failed attempt {Attempt} of {Attempts}: {Error}; next at {Next:O}",
                delivery.Id, delivery.Channel, delivery.Key, delivery.Attempts, retry.Attempts, message, next);
            await UpdateAsync(delivery.Id, d =>
            {
                d.LeaseUntil = next;
                d.LastError = message;
            }, cancellationToken);
            scheduler.ScheduleSend(delivery.Id, next);
            return;
        }
        logger.LogError("Delivery {DeliveryId} ({Channel}, {Key}) failed all {Attempts} attempts: {Error}; kept as a dead letter",
            delivery.Id, delivery.Channel, delivery.Key, retry.Attempts, message);
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
