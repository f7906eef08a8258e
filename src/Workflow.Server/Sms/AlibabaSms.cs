using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Workflow.Server.Sms;

/// <summary>
/// Alibaba Cloud SMS, dysmsapi <c>SendSms</c> (version 2017-05-25) as an RPC call with the documented signature: every
/// parameter (the common ones and the action's) sorted by name, each name and value percent-encoded (RFC 3986: space
/// %20, <c>*</c> %2A, <c>~</c> kept), joined <c>k=v&amp;…</c>; the string to sign is
/// <c>POST&amp;%2F&amp;</c> + percentEncode(that); the signature is Base64(HMAC-SHA1(AccessKeySecret + "&amp;", string to sign)).
/// The answer is JSON with <c>Code</c> ("OK" when sent) and <c>Message</c>.
/// </summary>
public sealed class AlibabaSms(IHttpClientFactory http, SmsOptions options, TimeProvider clock) : ISmsProvider
{
    public SmsProviderKind Kind => SmsProviderKind.Alibaba;

    public async Task<SmsResult> SendAsync(SmsMessage message, CancellationToken cancellationToken)
    {
        var parameters = Parameters(message, clock.GetUtcNow(), Guid.NewGuid().ToString("N"));
        parameters["Signature"] = Sign(parameters, options.AccessKeySecret);
        using var content = new FormUrlEncodedContent(parameters);
        using var response = await http.CreateClient(SmsSender.ClientName).PostAsync(options.Endpoint, content, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        var answer = TryParse(text);
        var code = (string?)answer?["Code"] ?? $"HTTP {(int)response.StatusCode}";
        return Classify(code, (string?)answer?["Message"] ?? response.ReasonPhrase ?? "");
    }

    /// <summary>The request's parameters before the signature.</summary>
    public SortedDictionary<string, string> Parameters(SmsMessage message, DateTimeOffset now, string nonce)
    {
        var templateParam = new JsonObject();
        foreach (var (name, value) in message.Parameters) templateParam[name] = value;
        return new(StringComparer.Ordinal)
        {
            ["AccessKeyId"] = options.AccessKeyId,
            ["Action"] = "SendSms",
            ["Format"] = "JSON",
            ["PhoneNumbers"] = message.PhoneNumber,
            ["RegionId"] = options.Region,
            ["SignName"] = options.SignName,
            ["SignatureMethod"] = "HMAC-SHA1",
            ["SignatureNonce"] = nonce,
            ["SignatureVersion"] = "1.0",
            ["TemplateCode"] = message.TemplateId,
            ["TemplateParam"] = templateParam.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }),
            ["Timestamp"] = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["Version"] = "2017-05-25",
        };
    }

    /// <summary>The documented RPC signature of the parameters (without <c>Signature</c>) of a request; this service only POSTs.</summary>
    public static string Sign(IEnumerable<KeyValuePair<string, string>> parameters, string accessKeySecret, string httpMethod = "POST")
    {
        var canonical = string.Join('&', parameters.Where(p => p.Key != "Signature").OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => PercentEncode(p.Key) + "=" + PercentEncode(p.Value)));
        var toSign = httpMethod + "&" + PercentEncode("/") + "&" + PercentEncode(canonical);
#pragma warning disable CA5350 // HMAC-SHA1 is what Alibaba's RPC signature is defined with; not our choice.
        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(accessKeySecret + "&"), Encoding.UTF8.GetBytes(toSign)));
#pragma warning restore CA5350
    }

    /// <summary>RFC 3986 encoding of UTF-8: letters, digits and <c>-_.~</c> kept, everything else %XX upper case.</summary>
    public static string PercentEncode(string value)
    {
        var builder = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (c is >= 'A' and <= 'Z' or >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '_' or '.' or '~') builder.Append(c);
            else builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }
        return builder.ToString();
    }

    /// <summary>Throttling waits; a bad number, template, sign name, parameters or key is final; anything else is retried.</summary>
    public static SmsResult Classify(string code, string message) => new(code switch
    {
        "OK" => SmsOutcome.Sent,
        "isv.BUSINESS_LIMIT_CONTROL" or "isv.DAY_LIMIT_CONTROL" or "Throttling.User" or "Throttling" or "isv.OUT_OF_SERVICE" => SmsOutcome.RateLimited,
        "isv.MOBILE_NUMBER_ILLEGAL" or "isv.MOBILE_COUNT_OVER_LIMIT" or "isv.SMS_TEMPLATE_ILLEGAL" or "isv.SMS_SIGNATURE_ILLEGAL"
            or "isv.TEMPLATE_MISSING_PARAMETERS" or "isv.INVALID_PARAMETERS" or "isv.INVALID_JSON_PARAM" or "isv.PARAM_LENGTH_LIMIT"
            or "isv.BLACK_KEY_CONTROL_LIMIT" or "isv.AMOUNT_NOT_ENOUGH" or "isv.ACCOUNT_NOT_EXISTS" or "isv.ACCOUNT_ABNORMAL"
            or "SignatureDoesNotMatch" or "InvalidAccessKeyId.NotFound" or "InvalidAccessKeyId.Inactive" or "Forbidden.RAM" => SmsOutcome.Refused,
        _ when code.StartsWith("isv.SMS_SIGN", StringComparison.Ordinal) || code.StartsWith("isv.SMS_TEMPLATE", StringComparison.Ordinal) => SmsOutcome.Refused,
        _ => SmsOutcome.Failed,
    }, code, message);

    internal static JsonNode? TryParse(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
