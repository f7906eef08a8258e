using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Workflow.Server.Notifications;
using Workflow.Server.Reminders;
using Workflow.Server.Storage;
using Workflow.Federation.Reminders;

namespace Workflow.Server.Webhooks;

public sealed record WebhookRecipient(Guid UserId, string UserName, string DisplayName, string RegionCode);

/// <summary>
/// The JSON a webhook receives. <see cref="DeliveryId"/> stays the same on every attempt: a receiver that keeps the
/// ids it has seen never acts twice. A person's webhook has their <see cref="Language"/>; a region's lists the people
/// of the region the reminder reached.
/// </summary>
public sealed record WebhookPayload(
    Guid DeliveryId,
    string Key,
    ReminderKind Kind,
    DateTimeOffset DueAt,
    bool Late,
    string? RegionCode,
    string? Language,
    IReadOnlyList<WebhookRecipient> Recipients,
    LocalizedText Subject,
    LocalizedText Body,
    string? Link);

/// <summary>Signs and posts webhook bodies: <c>X-Workflow-Signature: sha256=&lt;hex HMAC-SHA256 of the body with the secret&gt;</c>.</summary>
internal sealed class WebhookSender(IHttpClientFactory http, IDbContextFactory<ServiceDbContext> contexts) : IDeliverySender
{
    public const string ClientName = "webhooks";
    public const string SignatureHeader = "X-Workflow-Signature";
    public const string DeliveryHeader = "X-Workflow-Delivery";

    public DeliveryChannel Channel => DeliveryChannel.Webhook;

    public async Task SendAsync(DeliveryRow delivery, CancellationToken cancellationToken)
    {
        var hook = await FindAsync(delivery, cancellationToken);
        var body = Encoding.UTF8.GetBytes(delivery.Payload ?? "{}");
        using var request = new HttpRequestMessage(HttpMethod.Post, hook.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add(SignatureHeader, Sign(hook.Secret, body));
        request.Headers.Add(DeliveryHeader, delivery.Id.ToString());
        request.Headers.Add("X-Workflow-Attempt", delivery.Attempts.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var response = await http.CreateClient(ClientName).SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"{hook.Url} answered {(int)response.StatusCode} {response.ReasonPhrase}", null, response.StatusCode);
    }

    public static string Sign(string secret, byte[] body) => "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    private async Task<WebhookSubscriptionRow> FindAsync(DeliveryRow delivery, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var id = Guid.TryParse(delivery.Target, out var parsed) ? parsed : Guid.Empty;
        var hook = await db.WebhookSubscriptions.AsNoTracking().SingleOrDefaultAsync(h => h.Id == id, cancellationToken);
        return hook is { Active: true } ? hook : throw new InvalidOperationException($"webhook {delivery.Target} was removed");
    }
}
