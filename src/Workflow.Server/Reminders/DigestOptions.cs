using System.Globalization;

namespace Workflow.Server.Reminders;

/// <summary>
/// Configuration section <c>Digest</c>: <c>At</c>, the China time of the daily digest (<c>HH:mm</c>, default 08:30: after the
/// default quiet hours end at 08:00, before the working day fills); <c>SmsTemplate</c>, the approved template id of the SMS
/// digest (parameters <c>today</c>, <c>overdue</c>, <c>new</c>, <c>link</c>; without it nobody gets an SMS digest);
/// <c>BatchSize</c>, people per write transaction.
/// </summary>
public sealed record DigestOptions(TimeOnly At, string? SmsTemplate, int BatchSize)
{
    public const string Section = "Digest";

    public static readonly TimeOnly DefaultAt = new(8, 30);

    public string AtText => At.ToString("HH:mm", CultureInfo.InvariantCulture);

    public static DigestOptions From(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var at = section.GetValue<string?>("At") is { } text
            ? TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? time
                : throw new InvalidOperationException($"Digest:At '{text}' is not a time of day as HH:mm (China time)")
            : DefaultAt;
        var template = section.GetValue<string?>("SmsTemplate");
        return new DigestOptions(at, string.IsNullOrWhiteSpace(template) ? null : template.Trim(), Math.Max(1, section.GetValue("BatchSize", 500)));
    }
}
