using System.Security.Cryptography;
using Workflow.Server.Problems;

namespace Workflow.Server.Accounts;

public static class PasswordPolicy
{
    public const int MinimumLength = 10;

    /// <summary>Long enough for any pass phrase; longer would only make each sign-in hash more work for nothing.</summary>
    public const int MaximumLength = 256;

    public static void Check(string password)
    {
        if (password.Length < MinimumLength)
            throw Refusal.Validation(("newPassword", $"至少 {MinimumLength} 个字符（at least {MinimumLength} characters）"));
        if (password.Length > MaximumLength)
            throw Refusal.Validation(("newPassword", $"至多 {MaximumLength} 个字符（at most {MaximumLength} characters）"));
        if (password.All(char.IsDigit) || password.All(char.IsLetter))
            throw Refusal.Validation(("newPassword", "请混用字母与数字或符号（mix letters with digits or symbols）"));
    }

    /// <summary>A one-time password people can type: no 0/O or 1/l look-alikes.</summary>
    public static string Generate()
    {
        const string alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789";
        var chars = RandomNumberGenerator.GetItems<char>(alphabet, 14);
        chars[4] = '-';
        chars[9] = '-';
        chars[13] = RandomNumberGenerator.GetItems<char>("23456789", 1)[0];
        return new string(chars);
    }
}
