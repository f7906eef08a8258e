using System.Buffers.Text;
using System.Text;

namespace Workflow.Server.Accounts;

/// <summary>The last user name of a screen as an opaque token (base64url), so clients pass it back rather than build it.</summary>
internal static class UserCursor
{
    public static string Write(string userName) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(userName));

    public static string? Read(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 4 * UserDirectory.MaxUserNameLength * 2 || !Base64Url.IsValid(token)) return null;
        var name = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
        return name.Length is > 0 and <= UserDirectory.MaxUserNameLength && !name.Any(char.IsWhiteSpace) ? name : null;
    }
}
