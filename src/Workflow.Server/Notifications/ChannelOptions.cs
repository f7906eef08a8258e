namespace Workflow.Server.Notifications;

/// <summary>How an outside channel (e-mail, webhooks) retries: <see cref="Attempts"/> tries, waiting BackoffSeconds × 2^(n−1) after the n-th failure.</summary>
public sealed record RetryPolicy(int Attempts, TimeSpan Backoff)
{
    public TimeSpan DelayAfter(int failedAttempts) => Backoff * Math.Pow(2, Math.Max(0, failedAttempts - 1));

    public static RetryPolicy From(IConfigurationSection section) =>
        new(Math.Max(1, section.GetValue("Attempts", 5)), TimeSpan.FromSeconds(section.GetValue("BackoffSeconds", 30.0)));
}

/// <summary>
/// <c>Delivery:LeaseSeconds</c>: how long a pending e-mail or webhook belongs to the node sending it. After that,
/// start-up recovery takes it over; it must outlast a send (SMTP and webhook time-outs are well under it).
/// </summary>
public sealed record DeliveryOptions(TimeSpan Lease, RetryPolicy Email, RetryPolicy Webhook, TimeSpan WebhookTimeout, RetryPolicy Robot)
{
    public static DeliveryOptions From(IConfiguration configuration) => new(
        TimeSpan.FromSeconds(configuration.GetValue("Delivery:LeaseSeconds", 300.0)),
        RetryPolicy.From(configuration.GetSection("Smtp")),
        RetryPolicy.From(configuration.GetSection("Webhooks")),
        TimeSpan.FromSeconds(configuration.GetValue("Webhooks:TimeoutSeconds", 10.0)),
        RetryPolicy.From(configuration.GetSection("Robots")))
    {
        Sms = RetryPolicy.From(configuration.GetSection("Sms")),
    };

    /// <summary>Section <c>Sms</c>: <c>Attempts</c>, <c>BackoffSeconds</c>.</summary>
    public RetryPolicy Sms { get; init; } = Robot;

    public RetryPolicy RetryFor(DeliveryChannel channel) => channel switch
    {
        DeliveryChannel.Email => Email,
        DeliveryChannel.Robot => Robot,
        DeliveryChannel.Sms => Sms,
        _ => Webhook,
    };
}
