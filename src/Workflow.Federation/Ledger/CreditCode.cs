using System.Diagnostics.CodeAnalysis;
using Workflow.Federation.Common;

namespace Workflow.Federation.Ledger;

/// <summary>
/// 统一社会信用代码, GB 32100-2015: 18 characters from a 31-character set (digits and capitals without I, O, S, V, Z).
/// Position 1 is the registration authority, 2 the organization type, 3–8 the registering authority's region
/// (GB/T 2260), 9–17 the body identifier (the former organization code), 18 the check character.
/// </summary>
public sealed record CreditCode
{
    public const int Length = 18;
    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    // Weight of position i (0-based) is 3^i mod 31, per the standard.
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    // Only the three authorities that register almost every unit in the ledger have their type characters
    // checked; the standard's other authorities (and later additions to it) are accepted with any type.
    private static readonly Dictionary<char, string> KnownTypes = new()
    {
        ['1'] = "1239", // 机构编制: 机关, 事业单位, 群众团体, 其他
        ['5'] = "1239", // 民政: 社会团体, 民办非企业单位, 基金会, 其他
        ['9'] = "123",  // 工商（市场监管）: 企业, 个体工商户, 农民专业合作社
    };

    private CreditCode(string value) => Value = value;

    public string Value { get; }

    /// <summary>登记管理部门代码, e.g. '9' for market regulation (工商), '5' for civil affairs (民政).</summary>
    public char RegistrationAuthority => Value[0];

    /// <summary>机构类别代码, e.g. '1' for an enterprise under authority '9'.</summary>
    public char OrganizationType => Value[1];

    /// <summary>登记管理机关行政区划码: where the unit was registered (not necessarily where it works).</summary>
    public string RegistrationRegion => Value[2..8];

    /// <summary>主体标识码: positions 9–17.</summary>
    public string BodyIdentifier => Value[8..17];

    public char CheckCharacter => Value[17];

    public static char ComputeCheckCharacter(ReadOnlySpan<char> first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++) sum += Alphabet.IndexOf(first17[i], StringComparison.Ordinal) * Weights[i];
        return Alphabet[(31 - sum % 31) % 31];
    }

    /// <summary>
    /// Reads a code as people type it: surrounding spaces, lower case and full-width characters (９１４４…) are
    /// accepted and normalized; anything else wrong is refused with the reason and, for a wrong check character,
    /// the one expected.
    /// </summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out CreditCode? code, [NotNullWhen(false)] out CodedMessage? error)
    {
        code = null;
        var cleaned = TextNormalizer.Narrow(text)?.ToUpperInvariant();
        error = Check(cleaned);
        if (error is not null) return false;
        code = new CreditCode(cleaned!);
        return true;
    }

    public static CreditCode Parse(string text) =>
        TryParse(text, out var code, out var error) ? code : throw new FederationException(FederationError.Invalid, error);

    public override string ToString() => Value;

    private static CodedMessage? Check(string? code)
    {
        if (code is null) return new("credit-code.empty", "缺少统一社会信用代码", "the unified social credit code is missing");
        if (code.Any(char.IsWhiteSpace))
            return new("credit-code.whitespace", $"统一社会信用代码“{code}”中间有空格", $"the unified social credit code '{code}' contains spaces");
        if (code.Length != Length)
            return new("credit-code.length", $"统一社会信用代码应为 18 位，“{code}”为 {code.Length} 位",
                $"a unified social credit code has 18 characters; '{code}' has {code.Length}");
        for (var i = 0; i < Length; i++)
        {
            if (Alphabet.Contains(code[i], StringComparison.Ordinal)) continue;
            return new("credit-code.character",
                $"统一社会信用代码第 {i + 1} 位“{code[i]}”不是有效字符（只用数字和除 I、O、S、V、Z 以外的大写字母）",
                $"character {i + 1} of the unified social credit code, '{code[i]}', is not allowed (digits and capitals except I, O, S, V, Z)");
        }
        if (KnownTypes.TryGetValue(code[0], out var types) && !types.Contains(code[1], StringComparison.Ordinal))
            return new("credit-code.type",
                $"统一社会信用代码第 2 位机构类别代码“{code[1]}”与第 1 位登记管理部门代码“{code[0]}”不符",
                $"type character '{code[1]}' (position 2) does not exist for registration authority '{code[0]}'");
        if (code.AsSpan(2, 6).ContainsAnyExceptInRange('0', '9'))
            return new("credit-code.region", $"统一社会信用代码第 3–8 位应为行政区划数字，实际为“{code[2..8]}”",
                $"positions 3–8 of the unified social credit code must be a region's digits, not '{code[2..8]}'");
        var expected = ComputeCheckCharacter(code);
        if (code[17] != expected)
            return new("credit-code.check-character", $"统一社会信用代码校验位应为 {expected}，实际为 {code[17]}",
                $"the check character of the unified social credit code should be {expected}, not {code[17]}");
        return null;
    }
}

