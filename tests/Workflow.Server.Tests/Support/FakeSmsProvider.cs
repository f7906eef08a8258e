using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Workflow.Server.Tests.Support;

/// <summary>An SMS request a fake provider took: its parameters (Alibaba's form fields, Tencent's JSON body) and the code it answered.</summary>
public sealed record SmsPost(string Provider, IReadOnlyDictionary<string, string> Form, JsonObject? Body, string Answered);

/// <summary>
/// Alibaba Cloud's dysmsapi and Tencent Cloud's SMS API on loopback, each checking the request and its signature as the
/// provider documents it, recomputed here independently of the service's code, and answering as the provider does.
/// Alibaba: form POST, RPC signature Base64(HMAC-SHA1(secret + "&amp;", "POST&amp;%2F&amp;" + enc(sorted enc(k)=enc(v) joined by &amp;)))
/// with RFC 3986 encoding, a timestamp within 15 minutes; answers <c>{"Code":…}</c>. Tencent: JSON POST with X-TC-* headers and a
/// TC3-HMAC-SHA256 Authorization over content-type and host; answers <c>Response.SendStatusSet</c> or <c>Response.Error</c>.
/// The next answers' codes are queued with <see cref="Answer"/>; otherwise it sends.
/// </summary>
public sealed class FakeSmsProvider : IAsyncDisposable
{
    public const string KeyId = "LTAI5tFakeKeyId0001";
    public const string KeySecret = "fakeSecret/With+Odd=Chars~0001";
    public const string SdkAppId = "1400000001";

    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<SmsPost> _posts = new();
    private readonly ConcurrentQueue<string> _answers = new();
    private readonly Task _listening;
    private readonly TimeProvider _clock;

    public FakeSmsProvider(TimeProvider clock)
    {
        _clock = clock;
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Root = $"http://127.0.0.1:{port}/";
        _listener.Prefixes.Add(Root);
        _listener.Start();
        _listening = ListenAsync();
    }

    public string Root { get; }

    /// <summary>Points <paramref name="factory"/>'s SMS at this fake as Alibaba, with the template id of each reminder kind given.</summary>
    public void Serve(ServiceFactory factory, params (string Kind, string Template)[] templates)
    {
        factory.Settings["Sms:Provider"] = "Alibaba";
        factory.Settings["Sms:AccessKeyId"] = KeyId;
        factory.Settings["Sms:AccessKeySecret"] = KeySecret;
        factory.Settings["Sms:SignName"] = "妇联工作";
        factory.Settings["Sms:Endpoint"] = Root;
        foreach (var (kind, template) in templates) factory.Settings[$"Sms:Templates:{kind}"] = template;
    }

    public IReadOnlyList<SmsPost> Posts => [.. _posts];

    public void Answer(params string[] codes)
    {
        foreach (var code in codes) _answers.Enqueue(code);
    }

    private async Task ListenAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
            {
                return;
            }
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var text = await reader.ReadToEndAsync();
            var tencent = context.Request.Headers["X-TC-Action"] is not null;
            var answer = tencent ? Tencent(context.Request, text) : Alibaba(context.Request, text);
            var bytes = Encoding.UTF8.GetBytes(answer.ToJsonString());
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/json";
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    private string Next(string sent) => _answers.TryDequeue(out var code) ? code : sent;

    private JsonObject Alibaba(HttpListenerRequest request, string text)
    {
        var form = text.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2))
            .ToDictionary(p => Decode(p[0]), p => Decode(p.ElementAtOrDefault(1) ?? ""), StringComparer.Ordinal);
        var code = Judge() ?? Next("OK");
        _posts.Enqueue(new SmsPost("Alibaba", form, null, code));
        return new JsonObject { ["Code"] = code, ["Message"] = code == "OK" ? "OK" : "refused by the fake", ["RequestId"] = Guid.NewGuid().ToString() };

        string? Judge()
        {
            if (request.HttpMethod != "POST" || request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.Ordinal) != true) return "MissingParameter";
            string[] required = ["AccessKeyId", "Action", "Format", "PhoneNumbers", "RegionId", "SignName", "SignatureMethod", "SignatureNonce", "SignatureVersion", "TemplateCode", "Timestamp", "Version", "Signature"];
            if (required.Any(k => !form.ContainsKey(k))) return "MissingParameter";
            if (form["Action"] != "SendSms" || form["Version"] != "2017-05-25" || form["SignatureMethod"] != "HMAC-SHA1" || form["SignatureVersion"] != "1.0") return "InvalidParameter";
            if (form["AccessKeyId"] != KeyId) return "InvalidAccessKeyId.NotFound";
            if (!DateTimeOffset.TryParseExact(form["Timestamp"], "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
                || (_clock.GetUtcNow() - at).Duration() > TimeSpan.FromMinutes(15)) return "InvalidTimeStamp.Expired";
            var canonical = string.Join('&', form.Where(p => p.Key != "Signature").OrderBy(p => p.Key, StringComparer.Ordinal)
                .Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));
            var toSign = "POST&%2F&" + Uri.EscapeDataString(canonical);
#pragma warning disable CA5350 // Alibaba's documented algorithm.
            var expected = Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(KeySecret + "&"), Encoding.UTF8.GetBytes(toSign)));
#pragma warning restore CA5350
            if (form["Signature"] != expected) return "SignatureDoesNotMatch";
            if (form.TryGetValue("TemplateParam", out var json) && JsonNode.Parse(json) is not JsonObject) return "isv.INVALID_JSON_PARAM";
            return null;
        }
    }

    private static string Decode(string value) => Uri.UnescapeDataString(value.Replace('+', ' '));

    private JsonObject Tencent(HttpListenerRequest request, string text)
    {
        var body = JsonNode.Parse(text) as JsonObject;
        var code = Judge() ?? Next("Ok");
        _posts.Enqueue(new SmsPost("Tencent", new Dictionary<string, string>(), body, code));
        var response = new JsonObject { ["RequestId"] = Guid.NewGuid().ToString() };
        if (code is "Ok" or "" || code.StartsWith("LimitExceeded.Phone", StringComparison.Ordinal) || code.StartsWith("InvalidParameterValue.IncorrectPhone", StringComparison.Ordinal))
            response["SendStatusSet"] = new JsonArray(new JsonObject { ["Code"] = code, ["Message"] = code == "Ok" ? "send success" : "refused by the fake", ["PhoneNumber"] = (string?)body?["PhoneNumberSet"]?[0] });
        else
            response["Error"] = new JsonObject { ["Code"] = code, ["Message"] = "refused by the fake" };
        return new JsonObject { ["Response"] = response };

        string? Judge()
        {
            var headers = request.Headers;
            if (request.HttpMethod != "POST" || headers["X-TC-Action"] != "SendSms" || headers["X-TC-Version"] != "2021-01-11" || string.IsNullOrEmpty(headers["X-TC-Region"]))
                return "InvalidAction";
            if (!long.TryParse(headers["X-TC-Timestamp"], out var timestamp) || (_clock.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(timestamp)).Duration() > TimeSpan.FromMinutes(5))
                return "AuthFailure.SignatureExpire";
            var contentType = headers["Content-Type"] ?? "";
            var host = headers["Host"] ?? "";
            var date = DateTimeOffset.FromUnixTimeSeconds(timestamp).UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var canonical = "POST\n/\n\n" + $"content-type:{contentType.ToLowerInvariant()}\nhost:{host.ToLowerInvariant()}\n" + "\n" + "content-type;host\n"
                + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
            var scope = date + "/sms/tc3_request";
            var toSign = "TC3-HMAC-SHA256\n" + timestamp + "\n" + scope + "\n" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
            var secretDate = HMACSHA256.HashData(Encoding.UTF8.GetBytes("TC3" + KeySecret), Encoding.UTF8.GetBytes(date));
            var secretService = HMACSHA256.HashData(secretDate, Encoding.UTF8.GetBytes("sms"));
            var secretSigning = HMACSHA256.HashData(secretService, Encoding.UTF8.GetBytes("tc3_request"));
            var signature = Convert.ToHexStringLower(HMACSHA256.HashData(secretSigning, Encoding.UTF8.GetBytes(toSign)));
            var expected = $"TC3-HMAC-SHA256 Credential={KeyId}/{scope}, SignedHeaders=content-type;host, Signature={signature}";
            if (headers["Authorization"] != expected) return "AuthFailure.SignatureFailure";
            if (body is null || (string?)body["SmsSdkAppId"] != SdkAppId || body["PhoneNumberSet"] is not JsonArray { Count: > 0 } || body["TemplateParamSet"] is not JsonArray
                || string.IsNullOrEmpty((string?)body["TemplateId"]) || string.IsNullOrEmpty((string?)body["SignName"]))
                return "InvalidParameter";
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        await _listening;
        _listener.Close();
    }
}
