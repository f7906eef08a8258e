using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Workflow.Server.Sms;

/// <summary>
/// Tencent Cloud SMS, <c>SendSms</c> (version 2021-01-11), JSON POST signed with TC3-HMAC-SHA256 as documented:
/// the canonical request <c>POST\n/\n\ncontent-type:application/json; charset=utf-8\nhost:{host}\n\ncontent-type;host\n{hex sha256(body)}</c>;
/// the string to sign <c>TC3-HMAC-SHA256\n{timestamp}\n{date}/sms/tc3_request\n{hex sha256(canonical request)}</c>; the key
/// HMAC chain "TC3"+SecretKey → date → "sms" → "tc3_request"; the header
/// <c>Authorization: TC3-HMAC-SHA256 Credential={SecretId}/{date}/sms/tc3_request, SignedHeaders=content-type;host, Signature={hex}</c>
/// with <c>X-TC-Action</c>, <c>X-TC-Timestamp</c>, <c>X-TC-Version</c>, <c>X-TC-Region</c>. The answer's
/// <c>Response.Error.Code</c> is a refusal of the call, <c>Response.SendStatusSet[0].Code</c> ("Ok" when sent) the number's fate.
/// </summary>
public sealed class TencentSms(IHttpClientFactory http, SmsOptions options, TimeProvider clock) : ISmsProvider
{
    public const string ContentType = "application/json; charset=utf-8";
    public const string Version = "2021-01-11";
    public const string Service = "sms";

    public SmsProviderKind Kind => SmsProviderKind.Tencent;

    public async Task<SmsResult> SendAsync(SmsMessage message, CancellationToken cancellationToken)
    {
        var body = Body(message);
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        var host = options.Endpoint.Authority;
        using var request = new HttpRequestMessage(HttpMethod.Post, options.Endpoint) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(ContentType);
        request.Headers.TryAddWithoutValidation("Authorization", Authorization(options.AccessKeyId, options.AccessKeySecret, host, Service, body, timestamp));
        request.Headers.Add("X-TC-Action", "SendSms");
        request.Headers.Add("X-TC-Timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("X-TC-Version", Version);
        request.Headers.Add("X-TC-Region", options.Region);
        using var response = await http.CreateClient(SmsSender.ClientName).SendAsync(request, cancellationToken);
        var answer = AlibabaSms.TryParse(await response.Content.ReadAsStringAsync(cancellationToken))?["Response"];
        if (answer?["Error"] is { } error) return Classify((string?)error["Code"] ?? "", (string?)error["Message"] ?? "");
        if (answer?["SendStatusSet"]?[0] is { } status) return Classify((string?)status["Code"] ?? "", (string?)status["Message"] ?? "");
        return Classify($"HTTP {(int)response.StatusCode}", response.ReasonPhrase ?? "");
    }

    /// <summary>The JSON body: the number in E.164, the parameters in their order.</summary>
    public string Body(SmsMessage message) => new JsonObject
    {
        ["PhoneNumberSet"] = new JsonArray("+86" + message.PhoneNumber),
        ["SmsSdkAppId"] = options.SdkAppId,
        ["SignName"] = options.SignName,
        ["TemplateId"] = message.TemplateId,
        ["TemplateParamSet"] = new JsonArray([.. message.Parameters.Select(p => (JsonNode?)JsonValue.Create(p.Value))]),
    }.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    /// <summary>The documented TC3-HMAC-SHA256 <c>Authorization</c> header of a JSON POST to <paramref name="service"/> at <paramref name="host"/>.</summary>
    public static string Authorization(string secretId, string secretKey, string host, string service, string body, long timestamp)
    {
        var date = DateTimeOffset.FromUnixTimeSeconds(timestamp).UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        const string signedHeaders = "content-type;host";
        var canonical = $"POST\n/\n\ncontent-type:{ContentType}\nhost:{host}\n\n{signedHeaders}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(body)))}";
        var scope = $"{date}/{service}/tc3_request";
        var toSign = $"TC3-HMAC-SHA256\n{timestamp}\n{scope}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))}";
        var key = HMACSHA256.HashData(Encoding.UTF8.GetBytes("TC3" + secretKey), Encoding.UTF8.GetBytes(date));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(service));
        key = HMACSHA256.HashData(key, "tc3_request"u8);
        var signature = Hex(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(toSign)));
        return $"TC3-HMAC-SHA256 Credential={secretId}/{scope}, SignedHeaders={signedHeaders}, Signature={signature}";
    }

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);

    /// <summary>Limits wait; a bad number, template, sign name or credentials are final; anything else is retried.</summary>
    public static SmsResult Classify(string code, string message) => new(code switch
    {
        "Ok" => SmsOutcome.Sent,
        _ when code.StartsWith("LimitExceeded", StringComparison.Ordinal) || code == "RequestLimitExceeded" => SmsOutcome.RateLimited,
        _ when code.StartsWith("AuthFailure", StringComparison.Ordinal) || code.StartsWith("InvalidParameterValue", StringComparison.Ordinal)
            || code.StartsWith("UnauthorizedOperation", StringComparison.Ordinal) || code.StartsWith("UnsupportedOperation", StringComparison.Ordinal)
            || code is "FailedOperation.SignatureIncorrectOrUnapproved" or "FailedOperation.TemplateIncorrectOrUnapproved"
                or "FailedOperation.PhoneNumberInBlacklist" or "FailedOperation.InsufficientBalanceInSmsPackage" or "FailedOperation.MissingSignature"
                or "FailedOperation.MissingTemplate" or "FailedOperation.ContainSensitiveWord" or "InvalidParameter" => SmsOutcome.Refused,
        _ => SmsOutcome.Failed,
    }, code, message);
}
