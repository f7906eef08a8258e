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
public sealed record SmsMessage(string PhoneNumber, string TemplateId, IReadOnlyList<KeyValuePair<string, string>> Parameters);

/// <summary>The port: one templated message to one mainland number.</summary>
public interface ISmsProvider
{
    SmsProviderKind Kind { get; }

    Task<SmsResult> SendAsync(SmsMessage message, CancellationToken cancellationToken);
}
