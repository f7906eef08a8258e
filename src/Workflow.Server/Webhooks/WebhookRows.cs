using Microsoft.EntityFrameworkCore;
using Workflow.Server.Notifications;

namespace Workflow.Server.Webhooks;

/// <summary>
/// A webhook an admin set up: for one person (when they choose the webhook channel) or for a region (every reminder
/// reaching someone whose home region lies in it, once per reminder).
/// </summary>
public sealed class WebhookSubscriptionRow
{
    public required Guid Id { get; init; }
    public Guid? UserId { get; init; }
    public string? RegionCode { get; init; }
    public required string Url { get; set; }
    /// <summary>Kept as given: the HMAC needs it. Never shown again after it is set.</summary>
    public required string Secret { get; set; }
    public bool Active { get; set; } = true;
    public required DateTimeOffset CreatedAt { get; init; }
    public required string CreatedBy { get; init; }
}

/// <summary>A delivery that failed on every attempt, kept for an admin to look at and resend by hand.</summary>
public sealed class DeadLetterRow
{
    public required Guid Id { get; init; }
    public required Guid DeliveryId { get; init; }
    public required DeliveryChannel Channel { get; init; }
    public required string Key { get; init; }
    public required Guid RecipientId { get; init; }
    public string? Target { get; init; }
    public string? Payload { get; init; }
    public required int Attempts { get; init; }
    public string? LastError { get; init; }
    public required DateTimeOffset FailedAt { get; init; }
}

internal static class WebhookModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<WebhookSubscriptionRow>(e =>
        {
            e.ToTable("webhook_subscriptions");
            e.HasKey(x => x.Id);
            e.HasIndex(x => x.UserId);
        });
        modelBuilder.Entity<DeadLetterRow>(e =>
        {
            e.ToTable("dead_letters");
            e.HasKey(x => x.Id);
            e.HasIndex(x => x.DeliveryId).IsUnique();
            e.HasIndex(x => x.FailedAt);
        });
    }
}
