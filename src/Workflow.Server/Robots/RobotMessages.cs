using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Workflow.Federation.Reminders;

namespace Workflow.Server.Robots;

/// <summary>What a group reads: a reminder's subject, text and link, in the message shape its platform documents.</summary>
public sealed record RobotMessage(string Subject, string Body, Uri? Link);

/// <summary>The platforms' message bodies, DingTalk's signature, and what their answers mean.</summary>
public static class RobotMessages
{
    // WeCom caps markdown content at 4096 bytes and text at 2048 (it answers 40058 beyond); DingTalk allows more, 4096 is kept for both.
    private const int MarkdownBytes = 4096;
    private const int TextBytes = 2048;

    /// <summary>
    /// The JSON posted: WeCom <c>{"msgtype":"markdown","markdown":{"content":…}}</c> or <c>text.content</c>; DingTalk
    /// <c>{"msgtype":"markdown","markdown":{"title":…,"text":…}}</c> or <c>text.content</c>.
    /// </summary>
    public static string Payload(RobotPlatform platform, RobotFormat format, RobotMessage message)
    {
        var link = message.Link?.AbsoluteUri;
        JsonObject body = (platform, format) switch
        {
            (RobotPlatform.WeCom, RobotFormat.Markdown) => new()
            {
                ["msgtype"] = "markdown",
                ["markdown"] = new JsonObject { ["content"] = Fit(Markdown(message, link), MarkdownBytes) },
            },
            (RobotPlatform.DingTalk, RobotFormat.Markdown) => new()
            {
                ["msgtype"] = "markdown",
                ["markdown"] = new JsonObject { ["title"] = Fit(message.Subject, 256), ["text"] = Fit(Markdown(message, link), MarkdownBytes) },
            },
            _ => new()
            {
                ["msgtype"] = "text",
                ["text"] = new JsonObject { ["content"] = Fit(Text(message, link), TextBytes) },
            },
        };
        return body.ToJsonString(s_json);
    }

    /// <summary>DingTalk's signature: Base64 of HMAC-SHA256 over "timestamp\nsecret", keyed with the secret (then URL-encoded in the query).</summary>
    public static string DingTalkSign(string secret, long timestampMs)
    {
        var key = Encoding.UTF8.GetBytes(secret);
        var text = Encoding.UTF8.GetBytes(timestampMs.ToString(CultureInfo.InvariantCulture) + "\n" + secret);
        return Convert.ToBase64String(HMACSHA256.HashData(key, text));
    }

    /// <summary>The URL to post to: DingTalk's signed robots get <c>timestamp</c> and <c>sign</c> added, milliseconds on the service clock.</summary>
    public static Uri SendUrl(RobotPlatform platform, string url, string? secret, DateTimeOffset now)
    {
        if (platform != RobotPlatform.DingTalk || string.IsNullOrEmpty(secret)) return new Uri(url);
        var timestamp = now.ToUnixTimeMilliseconds();
        var separator = url.Contains('?', StringComparison.Ordinal) ? "&" : "?";
        return new Uri(string.Create(CultureInfo.InvariantCulture, $"{url}{separator}timestamp={timestamp}&sign={Uri.EscapeDataString(DingTalkSign(secret, timestamp))}"));
    }

    /// <summary>
    /// Where a group's reader does the work, as an absolute URL on <paramref name="site"/>: a body's reminder opens the body's
    /// page, a task's reminder the task's page (the engine links its API resource), another path of the pages as it is.
    /// Without a configured site URL there is no link: a relative one would not open from a chat.
    /// </summary>
    public static Uri? PageLink(Uri? site, string key, string? link)
    {
        if (Uri.TryCreate(link, UriKind.Absolute, out var absolute) && absolute.Scheme is "https" or "http") return absolute;
        return site is null ? null : new Uri(site, PagePath(key, link));
    }

    /// <summary>The path of that page on the site, for a link the reader's message builds on its own root (an SMS template's).</summary>
    public static string PagePath(string key, string? link)
    {
        const string taskApi = "/api/tasks/";
        return ReminderKeys.BodyOf(key) is { } body ? $"/bodies/{body}"
            : link is not null && link.StartsWith(taskApi, StringComparison.Ordinal) ? "/tasks/" + link[taskApi.Length..]
            : link is not null && link.StartsWith('/') && !link.StartsWith("/api/", StringComparison.Ordinal) ? link
            : "/tasks";
    }

    /// <summary>What an answer means. Both platforms answer HTTP 200 with <c>errcode</c>; 0 is delivered.</summary>
    public static RobotAnswer Read(RobotPlatform platform, string json)
    {
        int code;
        string reason;
        try
        {
            var answer = JsonNode.Parse(json);
            code = (int?)answer?["errcode"] ?? -1;
            reason = (string?)answer?["errmsg"] ?? json;
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException)
        {
            return new RobotAnswer(RobotOutcome.Failed, -1, $"not a robot answer: {Shorten(json)}");
        }
        var outcome = code == 0 ? RobotOutcome.Sent
            : (platform == RobotPlatform.WeCom ? WeComRateLimited : DingTalkRateLimited).Contains(code) ? RobotOutcome.RateLimited
            : (platform == RobotPlatform.WeCom ? WeComRefused : DingTalkRefused).Contains(code) ? RobotOutcome.Refused
            : RobotOutcome.Failed;
        return new RobotAnswer(outcome, code, $"{platform} errcode {code}: {Shorten(reason)}");
    }

    /// <summary>WeCom 45009: API calls over the limit (the robot's 20 a minute).</summary>
    public static readonly IReadOnlySet<int> WeComRateLimited = new HashSet<int> { 45009 };

    /// <summary>WeCom 93000 invalid webhook URL (key wrong or robot removed), 40008 invalid message type, 40058 content too long, 44004 empty content.</summary>
    public static readonly IReadOnlySet<int> WeComRefused = new HashSet<int> { 93000, 40008, 40058, 44004 };

    /// <summary>DingTalk 130101 sending too fast (over 20 a minute), 660026 throttled, 90030 the webhook's call limit reached.</summary>
    public static readonly IReadOnlySet<int> DingTalkRateLimited = new HashSet<int> { 130101, 660026, 90030 };

    /// <summary>DingTalk 310000 the security settings refuse (signature, timestamp, keyword or IP), 300001/300005 no such token (robot removed).</summary>
    public static readonly IReadOnlySet<int> DingTalkRefused = new HashSet<int> { 310000, 300001, 300005 };

    private static readonly JsonSerializerOptions s_json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static string Markdown(RobotMessage message, string? link) =>
        $"**{message.Subject}**\n\n{message.Body}" + (link is null ? "" : $"\n\n[查看详情 / Open]({link})");

    private static string Text(RobotMessage message, string? link) =>
        $"{message.Subject}\n{message.Body}" + (link is null ? "" : $"\n{link}");

    /// <summary>Cuts at a character boundary so that the UTF-8 form fits the platform's limit.</summary>
    private static string Fit(string text, int maxBytes)
    {
        if (Encoding.UTF8.GetByteCount(text) <= maxBytes) return text;
        var builder = new StringBuilder();
        var bytes = 3; // the ellipsis
        foreach (var rune in text.EnumerateRunes())
        {
            if (bytes + rune.Utf8SequenceLength > maxBytes) break;
            bytes += rune.Utf8SequenceLength;
            builder.Append(rune.ToString());
        }
        return builder.Append('…').ToString();
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";
}

public enum RobotOutcome
{
    Sent,
    /// <summary>Try again after a wait, without spending an attempt.</summary>
    RateLimited,
    /// <summary>The platform will not take it: dead letter at once, with the reason for the admin.</summary>
    Refused,
    /// <summary>Anything else: retried with back-off like every outside channel.</summary>
    Failed,
}

public sealed record RobotAnswer(RobotOutcome Outcome, int Code, string Reason);
