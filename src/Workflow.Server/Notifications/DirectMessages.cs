using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Workflow.Federation;
using Workflow.Federation.Reminders;
using Workflow.Persistence.Storage;
using Workflow.Server.Email;
using Workflow.Server.Reminders;
using Workflow.Server.Robots;
using Workflow.Server.Sms;
using Workflow.Server.Storage;

namespace Workflow.Server.Notifications;

/// <summary>
/// A message for one person without an account (an invitation's code), written straight into the outbox as one pending
/// e-mail or SMS row: it passes no inbox, robot or webhook, so nobody else reads it. E-mail when she gave an address and
/// SMTP is set up; otherwise SMS when she gave a mobile number and the Notify template exists; otherwise nothing leaves.
/// The outbox's unique (key, recipient, channel) row keeps a repeated call from sending twice.
/// </summary>
internal sealed class DirectMessages(IDbContextFactory<ServiceDbContext> contexts, WriteGate gate, ReminderScheduler scheduler, SmtpOptions smtp, SmsOptions sms,
    RobotOptions site, TimeProvider clock) : IDirectMessages
{
    public async Task<DirectChannel> SendAsync(DirectMessage message, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var mobile = SmsOptions.NormalizeMobile(message.Phone);
        var template = sms.TemplateFor(ReminderKind.Notify);
        var (channel, target, payload) =
            smtp.Enabled && !string.IsNullOrWhiteSpace(message.Email)
                ? (DeliveryChannel.Email, message.Email, JsonSerializer.Serialize(new EmailPayload(message.Email, message.Name, message.Subject.Zh,
                    $"{message.Body.Zh}\n\n{message.Body.En}\n\n{Absolute(message.Link)}"), JsonSerializerOptions.Web))
            : sms.Enabled && mobile is not null && template is not null
                ? (DeliveryChannel.Sms, mobile, SmsSender.Payload(SmsMessage.Reminder(mobile, template, message.Subject.Zh, ShortLinks.CodeFor(message.Link))))
            : (DeliveryChannel.InApp, (string?)null, (string?)null);
        if (channel == DeliveryChannel.InApp) return DirectChannel.None;

        var id = Guid.CreateVersion7(now);
        using (await gate.EnterAsync(cancellationToken))
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            if (await db.Deliveries.AnyAsync(d => d.Key == message.Key && d.RecipientId == message.RecipientId && d.Channel == channel, cancellationToken))
                return Direct(channel);
            db.Deliveries.Add(new DeliveryRow
            {
                Id = id, Key = message.Key, RecipientId = message.RecipientId, Channel = channel, Kind = ReminderKind.Notify, State = DeliveryState.Pending,
                DueAt = now, Target = target, Payload = payload, LeaseUntil = now, CreatedAt = now,
            });
            await db.SaveChangesAsync(cancellationToken);
        }
        scheduler.ScheduleSend(id, now);
        return Direct(channel);
    }

    private static DirectChannel Direct(DeliveryChannel channel) => channel == DeliveryChannel.Email ? DirectChannel.Email : DirectChannel.Sms;

    /// <summary>A phone opens a link only when it is absolute: the site's address when configured, else the path as it is.</summary>
    private string Absolute(string link) => site.SiteUrl is { } root ? new Uri(root, link).AbsoluteUri : link;
}
