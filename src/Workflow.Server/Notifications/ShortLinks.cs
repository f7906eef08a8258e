using System.Buffers.Binary;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Workflow.Federation.Invitations;
using Workflow.Server.Sms;

namespace Workflow.Server.Notifications;

/// <summary>
/// Short links for text messages. Chinese SMS providers take no link in a template variable: the approved template carries
/// the site's filed (ICP) address with <c>/s/</c> as fixed text, and the message fills in only the code, at most 35 letters
/// and digits (Alibaba's limit per variable). The code names its page: <c>t</c> and 22 base-62 digits of a task's id,
/// <c>b</c> and a body's id, <c>a</c> and an activation code, <c>i</c> the task inbox. Nothing is stored and a code never
/// expires. It grants nothing: <c>/s/{code}</c> only redirects, and the page asks for sign-in (then returns to itself) and
/// checks the reader's scope as any visit does. A code that names no page is the friendly not-found page.
/// </summary>
public static class ShortLinks
{
    public const string Prefix = "/s/";
    private const string Digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private const int IdLength = 22;
    private static readonly Uri s_anySite = new("https://site.invalid/");

    public static IEndpointRouteBuilder MapShortLinks(this IEndpointRouteBuilder app)
    {
        app.MapGet(Prefix + "{code}", Open).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    /// <summary>The code of a page on the site: a task's, a body's, an activation; any other page is the inbox, where every reminder is.</summary>
    public static string CodeFor(string link)
    {
        var page = new Uri(s_anySite, link);
        var segments = page.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length == 2 && Guid.TryParse(segments[1], out var id) && segments[0] is "tasks" or "bodies")
            return (segments[0] == "tasks" ? "t" : "b") + Encode(id);
        if (page.AbsolutePath == LeaderInvitations.ActivationPath && QueryHelpers.ParseQuery(page.Query).TryGetValue("code", out var values) && values.ToString() is { Length: > 0 } code)
            return "a" + new string([.. code.Where(char.IsAsciiLetterOrDigit)]);
        return "i";
    }

    /// <summary>The page a code opens, or null when it names none.</summary>
    public static string? PathOf(string code)
    {
        if (code == "i") return "/tasks";
        if (code.Length < 2 || code.Length > SmsMessage.ParameterLimit || !code.All(char.IsAsciiLetterOrDigit)) return null;
        var rest = code[1..];
        return code[0] switch
        {
            't' when Decode(rest) is { } task => $"/tasks/{task}",
            'b' when Decode(rest) is { } body => $"/bodies/{body}",
            'a' => $"{LeaderInvitations.ActivationPath}?code={Uri.EscapeDataString(rest)}",
            _ => null,
        };
    }

    private static Results<RedirectHttpResult, NotFound> Open(string code) =>
        PathOf(code) is { } path ? TypedResults.Redirect(path) : TypedResults.NotFound();

    private static string Encode(Guid id)
    {
        var value = BinaryPrimitives.ReadUInt128BigEndian(id.ToByteArray(bigEndian: true));
        var digits = new char[IdLength];
        for (var i = IdLength - 1; i >= 0; i--)
        {
            digits[i] = Digits[(int)(value % 62)];
            value /= 62;
        }
        return new string(digits);
    }

    private static Guid? Decode(string digits)
    {
        if (digits.Length != IdLength) return null;
        UInt128 value = 0;
        foreach (var digit in digits)
        {
            var d = (uint)Digits.IndexOf(digit, StringComparison.Ordinal);
            if (value > (UInt128.MaxValue - d) / 62) return null; // 22 digits reach past 128 bits
            value = value * 62 + d;
        }
        var bytes = new byte[16];
        BinaryPrimitives.WriteUInt128BigEndian(bytes, value);
        return new Guid(bytes, bigEndian: true);
    }
}
