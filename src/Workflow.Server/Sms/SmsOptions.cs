using System.Text.RegularExpressions;
using Workflow.Federation.Reminders;

namespace Workflow.Server.Sms;

public enum SmsProviderKind
{
    None,
    /// <summary>阿里云短信 (dysmsapi <c>SendSms</c>, RPC signature HMAC-SHA1).</summary>
    Alibaba,
    /// <summary>腾讯云短信 (<c>SendSms</c> 2021-01-11, TC3-HMAC-SHA256).</summary>
    Tencent,
}

/// <summary>
/// Configuration section <c>Sms</c>: <c>Provider</c> (Alibaba | Tencent; empty: no SMS), <c>AccessKeyId</c> and
/// <c>AccessKeySecret</c> (Tencent's SecretId and SecretKey), <c>SignName</c> (the approved 签名), <c>SdkAppId</c> (Tencent),
/// <c>Region</c>, <c>Endpoint</c> (tests point it at a local fake) and <c>Templates:{ReminderKind}</c>, the approved
/// template id for each kind of reminder (a kind without one is not sent by SMS).
/// </summary>
public sealed partial record SmsOptions(
    SmsProviderKind Provider, string AccessKeyId, string AccessKeySecret, string SignName, string? SdkAppId, string Region, Uri Endpoint,
    IReadOnlyDictionary<ReminderKind, string> Templates, TimeSpan RateLimitedWait, TimeSpan Timeout)
{
    public const string Section = "Sms";

    public bool Enabled => Provider != SmsProviderKind.None;

    public string? TemplateFor(ReminderKind kind) => Templates.GetValueOrDefault(kind);

    /// <summary>A mainland mobile number: 11 digits, 1 then 3–9 (an optional +86 is dropped).</summary>
    public static string? NormalizeMobile(string? value)
    {
        var trimmed = (value ?? "").Trim().Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (trimmed.StartsWith("+86", StringComparison.Ordinal)) trimmed = trimmed[3..];
        return Mobile().IsMatch(trimmed) ? trimmed : null;
    }

    /// <summary>A number as a person or an admin changes it: empty removes it (null), a bad one is refused (400).</summary>
    public static string? MobileChange(string value) =>
        value.Trim().Length == 0 ? null
            : NormalizeMobile(value) ?? throw Refusal.Validation(("mobile", "请填写大陆手机号：以 13–19 开头的 11 位数字，可加 +86（a mainland mobile number: 11 digits starting 13–19, +86 optional）"));

    /// <summary>What is shown of a number: 138****1234.</summary>
    public static string Mask(string mobile) => mobile.Length == 11 ? $"{mobile[..3]}****{mobile[7..]}" : "****";

    [GeneratedRegex(@"^1[3-9]\d{9}$", RegexOptions.CultureInvariant)]
    private static partial Regex Mobile();

    /// <summary>Reads the section; a provider named without its keys, sign name or (Tencent) app id is a start-up error, not a silent failure later.</summary>
    public static SmsOptions From(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var name = section.GetValue<string?>("Provider");
        var provider = string.IsNullOrWhiteSpace(name) ? SmsProviderKind.None
            : Enum.TryParse<SmsProviderKind>(name, true, out var parsed) && Enum.IsDefined(parsed) ? parsed
            : throw new InvalidOperationException($"Sms:Provider '{name}' is not Alibaba or Tencent");
        var templates = new Dictionary<ReminderKind, string>();
        foreach (var child in section.GetSection("Templates").GetChildren())
        {
            if (!Enum.TryParse<ReminderKind>(child.Key, true, out var kind))
                throw new InvalidOperationException($"Sms:Templates:{child.Key} is not a reminder kind ({string.Join(", ", Enum.GetNames<ReminderKind>())})");
            if (!string.IsNullOrWhiteSpace(child.Value)) templates[kind] = child.Value.Trim();
        }
        var options = new SmsOptions(provider,
            section.GetValue("AccessKeyId", "")!, section.GetValue("AccessKeySecret", "")!, section.GetValue("SignName", "")!,
            section.GetValue<string?>("SdkAppId"),
            section.GetValue<string?>("Region") ?? (provider == SmsProviderKind.Tencent ? "ap-guangzhou" : "cn-hangzhou"),
            new Uri(section.GetValue<string?>("Endpoint") ?? (provider == SmsProviderKind.Tencent ? "https://sms.tencentcloudapi.com/" : "https://dysmsapi.aliyuncs.com/")),
            templates,
            TimeSpan.FromSeconds(Math.Max(1, section.GetValue("RateLimitedWaitSeconds", 60.0))),
            TimeSpan.FromSeconds(Math.Max(1, section.GetValue("TimeoutSeconds", 10.0))));
        if (!options.Enabled) return options;
        var missing = new[] { ("AccessKeyId", options.AccessKeyId), ("AccessKeySecret", options.AccessKeySecret), ("SignName", options.SignName) }
            .Concat(provider == SmsProviderKind.Tencent ? [("SdkAppId", options.SdkAppId ?? "")] : [])
            .Where(p => string.IsNullOrWhiteSpace(p.Item2)).Select(p => "Sms:" + p.Item1).ToList();
        if (missing.Count > 0) throw new InvalidOperationException($"Sms:Provider is {provider} but {string.Join(", ", missing)} is not set");
        return options;
    }
}
