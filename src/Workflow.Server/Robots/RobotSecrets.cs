using Microsoft.AspNetCore.DataProtection;

namespace Workflow.Server.Robots;

/// <summary>Encrypts a robot's URL and signing secret with data protection (keys shared by every node), and says what may be shown of them.</summary>
public sealed class RobotSecrets(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("Workflow.Robots.v1");

    public string Protect(string value) => _protector.Protect(value);

    public string Unprotect(string value) => _protector.Unprotect(value);

    /// <summary>
    /// The URL as the API shows it: scheme, host and path, and of the query value that holds the robot's key (WeCom
    /// <c>key</c>, DingTalk <c>access_token</c>) only its last four characters.
    /// </summary>
    public static string UrlHint(Uri url)
    {
        var query = url.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(part => part.Split('=', 2))
            .Select(pair => pair.Length == 2 ? $"{pair[0]}={Mask(pair[1])}" : pair[0]);
        var shown = string.Join('&', query);
        return $"{url.Scheme}://{url.Authority}{url.AbsolutePath}" + (shown.Length == 0 ? "" : "?" + shown);
    }

    /// <summary>The last four characters behind stars; nothing of a value shorter than twelve.</summary>
    public static string Mask(string value) => value.Length < 12 ? "****" : "****" + value[^4..];
}
