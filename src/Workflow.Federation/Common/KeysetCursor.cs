using System.Text;

namespace Workflow.Federation.Common;

/// <summary>
/// The last row of a screen read by keyset (region, name, id) as an opaque token, base64url of the three: the next screen
/// seeks past it in the region index instead of counting rows to skip. A token that does not read back starts from the top.
/// </summary>
internal static class KeysetCursor
{
    public static string Write(string region, string name, Guid id) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{region}\n{name}\n{id:N}")).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static (string Region, string Name, Guid Id)? Read(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 2000) return null;
        try
        {
            var base64 = token.Replace('-', '+').Replace('_', '/');
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '='))).Split('\n');
            return parts.Length == 3 && Guid.TryParseExact(parts[2], "N", out var id) ? (parts[0], parts[1], id) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
