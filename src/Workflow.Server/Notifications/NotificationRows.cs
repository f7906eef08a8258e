using Microsoft.EntityFrameworkCore;
using Workflow.Server.Reminders;
using Workflow.Federation.Reminders;

namespace Workflow.Server.Notifications;

public enum DeliveryChannel
{
    InApp,
    Email,
    Webhook,
    /// <summary>A WeCom or DingTalk group robot; paced by <c>Robots.RobotDispatcher</c>, not by a job per delivery.</summary>
    Robot,
    /// <summary>A templated text message to the person's mobile number, through the configured <c>Sms.ISmsProvider</c>.</summary>
    Sms,
}

public enum DeliveryState
{
    /// <summary>Claimed by its unique row and not yet confirmed sent: a send job (or start-up recovery after a crash) sends it.</summary>
    Pending,
    Sent,
    /// <summary>Every attempt failed; a dead letter row holds what was to be sent.</summary>
    Dead,
    /// <summary>
    /// The person reads this channel as a daily digest: the reminder is not sent by itself but kept for the digest, which
    /// sets <see cref="DeliveryRow.DigestId"/> when it carries it.
    /// </summary>
    Folded,
}

/// <summary>
/// One reminder to one recipient on one channel. The unique (key, recipient, channel) index is what makes delivery
/// exactly-once: whoever inserts the row delivers; every other attempt (a retry, a second job, another node) fails
/// to insert it and delivers nothing. For a region webhook the recipient is the subscription.
/// </summary>
public sealed class DeliveryRow
{
    public required Guid Id { get; init; }
    public required string Key { get; init; }
    public required Guid RecipientId { get; init; }
    public required DeliveryChannel Channel { get; init; }
    public required ReminderKind Kind { get; init; }
    public DeliveryState State { get; set; }
    public bool Late { get; init; }
    public required DateTimeOffset DueAt { get; init; }
    /// <summary>The e-mail address, or the webhook subscription or group robot id.</summary>
    public string? Target { get; init; }
    /// <summary>What is sent, fixed at insert so that every attempt sends the same bytes (and the same signature).</summary>
    public string? Payload { get; init; }
    public int Attempts { get; set; }
    /// <summary>Until then the row belongs to whoever is sending it; after it, recovery may take it over.</summary>
    public DateTimeOffset LeaseUntil { get; set; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? SentAt { get; set; }
    public string? LastError { get; set; }
    /// <summary>On a folded reminder: the digest delivery that carried it; null while it waits for the next digest.</summary>
    public Guid? DigestId { get; set; }
}

/// <summary>An in-app notification, written in the recipient's language when it was delivered.</summary>
public sealed class InboxRow
{
    public required Guid Id { get; init; }
    public required Guid UserId { get; init; }
    public required string Key { get; init; }
    public required ReminderKind Kind { get; init; }
    public required string Subject { get; init; }
    public required string Body { get; init; }
    public string? Link { get; init; }
    public bool Late { get; init; }
    public required DateTimeOffset DueAt { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? ReadAt { get; set; }
}

/// <summary>A person's channel choice; without a row every channel is on (e-mail and webhook only where an address or a URL exists).</summary>
public sealed class NotificationSettingsRow
{
    public required Guid UserId { get; init; }
    public bool InApp { get; set; } = true;
    public bool Email { get; set; } = true;
    public bool Webhook { get; set; } = true;
    /// <summary>SMS costs money and reaches a phone: off until the person (or an admin) turns it on.</summary>
    public bool Sms { get; set; }
    /// <summary>A channel that is on sends each reminder, or (digest) one message a day; off by default, so people keep each reminder.</summary>
    public bool EmailDigest { get; set; }
    public bool WebhookDigest { get; set; }
    public bool SmsDigest { get; set; }
    /// <summary>Quiet hours, China time: e-mail and webhook reminders falling due between <see cref="QuietFrom"/> and <see cref="QuietUntil"/> are held until the window ends.</summary>
    public bool QuietHours { get; set; } = true;
    public TimeOnly QuietFrom { get; set; } = QuietWindow.DefaultFrom;
    public TimeOnly QuietUntil { get; set; } = QuietWindow.DefaultUntil;
    public DateTimeOffset UpdatedAt { get; set; }
}

internal static class NotificationModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<DeliveryRow>(e =>
        {
            e.ToTable("deliveries");
            e.HasKey(x => x.Id);
            e.Property(x => x.Key).HasMaxLength(ReminderKeys.MaxLength);
            e.HasIndex(x => new { x.Key, x.RecipientId, x.Channel }).IsUnique();
            e.HasIndex(x => new { x.State, x.LeaseUntil });
            // The digest reads each person's folded reminders still waiting for it.
            e.HasIndex(x => new { x.State, x.DigestId, x.RecipientId });
        });
        modelBuilder.Entity<InboxRow>(e =>
        {
            e.ToTable("notifications");
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.UserId, x.CreatedAt });
            e.HasIndex(x => new { x.UserId, x.ReadAt });
        });
        modelBuilder.Entity<NotificationSettingsRow>(e =>
        {
            e.ToTable("notification_settings");
            e.HasKey(x => x.UserId);
        });
    }
}
