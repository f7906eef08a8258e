using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Web;

namespace Workflow.Server.Tests.Support;

/// <summary>A message a fake platform took, with the service-clock moment it arrived and the errcode it answered.</summary>
public sealed record RobotPost(string Platform, string Token, DateTimeOffset At, JsonObject Body, int Answered)
{
    public string Content => (string?)Body["markdown"]?["content"] ?? (string?)Body["markdown"]?["text"] ?? (string?)Body["text"]?["content"] ?? "";
}

/// <summary>
/// WeCom's and DingTalk's robot endpoints on loopback, checking what they document and answering as they do: HTTP 200 with
/// <c>errcode</c>. WeCom: <c>POST /cgi-bin/webhook/send?key=…</c>, JSON <c>msgtype</c> markdown (<c>markdown.content</c>) or text.
/// DingTalk: <c>POST /robot/send?access_token=…&amp;timestamp=…&amp;sign=…</c> where sign is Base64(HMAC-SHA256(secret,
/// "timestamp\nsecret")), URL-encoded, and the timestamp within an hour; markdown needs <c>title</c> and <c>text</c>. More than
/// <see cref="PerMinute"/> messages to one robot within a minute (of the service clock) are refused as the platforms do
/// (45009, 130101) and counted in <see cref="OverLimit"/>.
/// </summary>
public sealed class FakeRobotPlatform : IAsyncDisposable
{
    public const string WeComKey = "693a91f6-7a0c-4bc4-97a0-0e2c5f1a5aaa";
    public const string DingTalkToken = "b10deee3d9e2dbc21ce57eb9f80da23a643ebe83154dd6b086486da2c833acb6";
    public const string DingTalkSecret = "SEC4b2f0c9e1d7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0";

    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<RobotPost> _posts = new();
    private readonly Task _listening;
    private readonly TimeProvider _clock;
    private readonly object _window = new();
    private readonly Dictionary<string, List<DateTimeOffset>> _accepted = [];
    private int _rateLimitedLeft;

    public FakeRobotPlatform(TimeProvider clock)
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

    public string WeComUrl(string key = WeComKey) => $"{Root}cgi-bin/webhook/send?key={key}";

    public string DingTalkUrl(string token = DingTalkToken) => $"{Root}robot/send?access_token={token}";

    public int PerMinute { get; init; } = 20;

    /// <summary>Answer the next this many messages as rate limited, whatever the count.</summary>
    public int RateLimitFirst { set => _rateLimitedLeft = value; }

    public int OverLimit { get; private set; }

    public IReadOnlyList<RobotPost> Posts => [.. _posts];

    public IReadOnlyList<RobotPost> Accepted => [.. _posts.Where(p => p.Answered == 0)];

    /// <summary>The most messages one robot accepted within any minute.</summary>
    public int BusiestMinute(string token)
    {
        var times = Accepted.Where(p => p.Token == token).Select(p => p.At).Order().ToList();
        return times.Select((t, i) => times.Skip(i).TakeWhile(u => u - t < TimeSpan.FromMinutes(1)).Count()).DefaultIfEmpty(0).Max();
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
            var (platform, token, errcode, message) = Judge(context.Request, text);
            var body = (JsonNode.Parse(text) as JsonObject) ?? [];
            _posts.Enqueue(new RobotPost(platform, token, _clock.GetUtcNow(), body, errcode));
            var answer = Encoding.UTF8.GetBytes(new JsonObject { ["errcode"] = errcode, ["errmsg"] = message }.ToJsonString());
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/json";
            await context.Response.OutputStream.WriteAsync(answer);
            context.Response.Close();
        }
    }

    private (string Platform, string Token, int Errcode, string Message) Judge(HttpListenerRequest request, string text)
    {
        var query = HttpUtility.ParseQueryString(request.Url!.Query);
        var path = request.Url.AbsolutePath;
        var weCom = path == "/cgi-bin/webhook/send";
        var platform = weCom ? "WeCom" : path == "/robot/send" ? "DingTalk" : "unknown";
        var token = (weCom ? query["key"] : query["access_token"]) ?? "";
        if (request.HttpMethod != "POST" || request.ContentType?.StartsWith("application/json", StringComparison.Ordinal) != true)
            return (platform, token, 40008, "invalid message type");
        if (weCom && token != WeComKey) return (platform, token, 93000, "invalid webhook url");
        if (!weCom && token != DingTalkToken) return (platform, token, 300001, "token is not exist");
        if (!weCom && !SignatureHolds(request.RawUrl?.Split('?', 2).ElementAtOrDefault(1) ?? "")) return (platform, token, 310000, "sign not match");
        if (!WellFormed(text, weCom)) return (platform, token, weCom ? 40008 : 40035, "invalid message");
        if (Interlocked.Decrement(ref _rateLimitedLeft) >= 0) return (platform, token, weCom ? 45009 : 130101, "send too fast");
        lock (_window)
        {
            var now = _clock.GetUtcNow();
            var recent = _accepted.TryGetValue(token, out var list) ? list : _accepted[token] = [];
            recent.RemoveAll(t => now - t >= TimeSpan.FromMinutes(1));
            if (recent.Count >= PerMinute)
            {
                OverLimit++;
                return (platform, token, weCom ? 45009 : 130101, "send too fast, exceed 20 times per minute");
            }
            recent.Add(now);
        }
        return (platform, token, 0, "ok");
    }

    /// <summary>As DingTalk documents it, computed here independently of the service's code; the raw query is read so the URL-encoding is checked too.</summary>
    private bool SignatureHolds(string rawQuery)
    {
        var pairs = rawQuery.TrimStart('?').Split('&').Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
        if (!pairs.TryGetValue("timestamp", out var timestamp) || !pairs.TryGetValue("sign", out var sign) || !long.TryParse(timestamp, out var ms)) return false;
        if ((_clock.GetUtcNow() - DateTimeOffset.FromUnixTimeMilliseconds(ms)).Duration() > TimeSpan.FromHours(1)) return false;
        var expected = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(DingTalkSecret), Encoding.UTF8.GetBytes($"{timestamp}\n{DingTalkSecret}")));
        return sign == Uri.EscapeDataString(expected);
    }

    private static bool WellFormed(string text, bool weCom)
    {
        if (JsonNode.Parse(text) is not JsonObject body) return false;
        return (string?)body["msgtype"] switch
        {
            "text" => !string.IsNullOrEmpty((string?)body["text"]?["content"]),
            "markdown" when weCom => !string.IsNullOrEmpty((string?)body["markdown"]?["content"]) && Encoding.UTF8.GetByteCount((string)body["markdown"]!["content"]!) <= 4096,
            "markdown" => !string.IsNullOrEmpty((string?)body["markdown"]?["title"]) && !string.IsNullOrEmpty((string?)body["markdown"]?["text"]),
            _ => false,
        };
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        await _listening;
        _listener.Close();
    }
}
