using System.Text.Json;
using Workflow.Server.Notifications;

namespace Workflow.Server.Sms;

/// <summary>
/// Sends an SMS delivery through the configured provider, on the outbox's claim, lease and retry (<see cref="DeliveryJob"/>).
/// The payload fixed at insert is the number, the template id and its parameters, so every attempt sends the same message.
/// A throttled answer postpones it (no attempt spent), a refusal (invalid number, template, sign name, key) dead-letters it at
/// once with the provider's code, anything else is retried with back-off.
/// </summary>
public sealed class SmsSender(IEnumerable<ISmsProvider> providers, SmsOptions options, TimeProvider clock) : IDeliverySender
{
    public const string ClientName = "sms";

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public DeliveryChannel Channel => DeliveryChannel.Sms;

    public static string Payload(SmsMessage message) => JsonSerializer.Serialize(message, Json);

    public async Task SendAsync(DeliveryRow delivery, CancellationToken cancellationToken)
    {
        var message = (delivery.Payload is null ? null : JsonSerializer.Deserialize<SmsMessage>(delivery.Payload, Json))
            ?? throw new DeliveryRefusedException("the SMS delivery has no message");
        var provider = providers.FirstOrDefault(p => p.Kind == options.Provider)
            ?? throw new DeliveryRefusedException($"no SMS provider is configured (Sms:Provider is {options.Provider})");
        var result = await provider.SendAsync(message, cancellationToken);
        switch (result.Outcome)
        {
            case SmsOutcome.Sent: return;
            case SmsOutcome.RateLimited: throw new DeliveryPostponedException(clock.GetUtcNow() + options.RateLimitedWait, result.Reason);
            case SmsOutcome.Refused: throw new DeliveryRefusedException(result.Reason);
            default: throw new InvalidOperationException(result.Reason);
        }
    }
}
