using System.Text.Json;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using Workflow.Server.Notifications;

namespace Workflow.Server.Email;

/// <summary>What an e-mail delivery sends, fixed when the delivery is written.</summary>
public sealed record EmailPayload(string To, string Name, string Subject, string Body);

/// <summary>E-mail over SMTP with MailKit. The Message-ID is the delivery id, so a message resent after a crash is recognisably the same one.</summary>
internal sealed class EmailSender(SmtpOptions options) : IDeliverySender
{

    public DeliveryChannel Channel => DeliveryChannel.Email;

    public async Task SendAsync(DeliveryRow delivery, CancellationToken cancellationToken)
    {
        var host = options.Enabled ? options.Host! : throw new InvalidOperationException("e-mail is not configured (Smtp:Host)");
        var mail = JsonSerializer.Deserialize<EmailPayload>(delivery.Payload ?? "null", JsonSerializerOptions.Web)
            ?? throw new InvalidOperationException($"delivery {delivery.Id} has no e-mail payload");
        using var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(options.From));
        message.To.Add(new MailboxAddress(mail.Name, mail.To));
        message.Subject = mail.Subject;
        message.MessageId = $"{delivery.Id:N}@workflow.reminders";
        message.Headers.Add("X-Workflow-Key", delivery.Key);
        message.Body = new TextPart("plain") { Text = mail.Body };

        using var client = new SmtpClient { Timeout = options.TimeoutSeconds * 1000 };
        var security = !options.UseTls ? SecureSocketOptions.None : options.Port == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTls;
        await client.ConnectAsync(host, options.Port, security, cancellationToken);
        if (!string.IsNullOrEmpty(options.UserName)) await client.AuthenticateAsync(options.UserName, options.Password ?? "", cancellationToken);
        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }
}
