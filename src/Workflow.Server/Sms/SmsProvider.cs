namespace Workflow.Server.Sms;

/// <summary>What a provider's answer means for the delivery.</summary>
public enum SmsOutcome
{
    Sent,
    /// <summary>Throttled (Alibaba <c>isv.BUSINESS_LIMIT_CONTROL</c>, Tencent <c>LimitExceeded.*</c>): wait and send again, no attempt spent.</summary>
    RateLimited,
    /// <summary>Refused for good (invalid number, template, signature or key): a dead letter at once, with the provider's words.</summary>
    Refused,
    /// <summary>Anything else: retried with back-off.</summary>
    Failed,
}

/// <summary>The provider's answer: its code, its message and what that means.</summary>
public sealed record SmsResult(SmsOutcome Outcome, string Code, string Message)
{
    public string Reason => $"{Code}: {Message}";
}

/// <summary>
/// A pre-approved template and its parameters, the only form Chinese SMS providers send: Alibaba fills the parameters by
/// name, Tencent by position (in this order).
/// </summary>
public sealed record SmsMessage(string PhoneNumber, string TemplateId, IReadOnlyList<KeyValuePair<string, string>> Parameters)
{
    /// <summary>Alibaba's notice templates take 1–35 characters per variable.</summary>
    public const int ParameterLimit = 35;

    /// <summary>
    /// A reminder's message: its subject, cut to the limit with an ellipsis rather than refused by the provider, and the
    /// short-link code of its page (<see cref="Notifications.ShortLinks"/>), which the template puts after its fixed address.
    /// </summary>
    public static SmsMessage Reminder(string phoneNumber, string templateId, string subject, string pageCode) =>
        new(phoneNumber, templateId, [new("subject", Fit(subject)), new("code", pageCode)]);

    public static string Fit(string value) => value.Length <= ParameterLimit ? value : value[..(ParameterLimit - 1)] + "…";
}

/// <summary>The port: one templated message to one mainland number.</summary>
public interface ISmsProvider
{
    SmsProviderKind Kind { get; }

    Task<SmsResult> SendAsync(SmsMessage message, CancellationToken cancellationToken);
}
