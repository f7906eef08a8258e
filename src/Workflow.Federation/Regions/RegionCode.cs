using System.Diagnostics.CodeAnalysis;
using Workflow.Federation.Common;

namespace Workflow.Federation.Regions;

public enum RegionLevel
{
    /// <summary>省: 6 digits ending in 0000, e.g. 370000 山东省.</summary>
    Province = 1,
    /// <summary>市 (地级): 6 digits ending in 00, e.g. 371500 聊城市.</summary>
    City = 2,
    /// <summary>区县: 6 digits, e.g. 371502 东昌府区.</summary>
    District = 3,
    /// <summary>乡镇/街道: 9 digits, e.g. 371502001.</summary>
    Township = 4,
    /// <summary>村/社区: 12 digits, e.g. 371502001001.</summary>
    Village = 5,
}

/// <summary>
/// An administrative region by its code (GB/T 2260 six digits for province, city and county, then 9 for townships and 12 for
/// villages), with prefix semantics: "371500 and below" is every code that starts with 3715, the digits that name the
/// city. A record class rather than a struct on purpose: a default struct would be an empty code, and an empty prefix
/// contains every region, which is the one scope that must never appear by accident.
/// </summary>
public sealed record RegionCode
{
    private RegionCode(string value) => Value = value;

    public string Value { get; }

    public RegionLevel Level => LevelOf(Value);

    /// <summary>The region one level up, derived from the code; null for a province, the top of the tree.</summary>
    public RegionCode? Parent => ParentOf(Value) is { } parent ? new RegionCode(parent) : null;

    /// <summary>The level a well-formed code names: the length, and for six digits the trailing zeros.</summary>
    public static RegionLevel LevelOf(string code) => code.Length switch
    {
        6 when code.EndsWith("0000", StringComparison.Ordinal) => RegionLevel.Province,
        6 when code.EndsWith("00", StringComparison.Ordinal) => RegionLevel.City,
        6 => RegionLevel.District,
        9 => RegionLevel.Township,
        _ => RegionLevel.Village,
    };

    /// <summary>The code one level up (village → township → county → city → province), or null for a province.</summary>
    public static string? ParentOf(string code) => LevelOf(code) switch
    {
        RegionLevel.Village => code[..9],
        RegionLevel.Township => code[..6],
        RegionLevel.District => code[..4] + "00",
        RegionLevel.City => code[..2] + "0000",
        _ => null,
    };

    /// <summary>
    /// The digits every code below <paramref name="scope"/> starts with: a province's first two, a city's first four, else
    /// the whole code. A county's codes never end in 00 (GB/T 2260 numbers them from 01), so this is exact.
    /// </summary>
    public static string PrefixOf(string scope) => scope.Length != 6 ? scope : LevelOf(scope) switch
    {
        RegionLevel.Province => scope[..2],
        RegionLevel.City => scope[..4],
        _ => scope,
    };

    /// <summary>True for this region itself and every region below it.</summary>
    public bool Contains(RegionCode other) => Covers(Value, other.Value);

    public bool Contains(string otherCode) => Covers(Value, otherCode);

    /// <summary>
    /// The one region rule, for codes held as text: <paramref name="code"/> is the region <paramref name="scope"/> itself or
    /// lies below it. Queries use <see cref="RegionFilter.Within{T}(IQueryable{T}, System.Linq.Expressions.Expression{Func{T, string}}, string)"/>, the same rule in SQL.
    /// </summary>
    public static bool Covers(string scope, string? code) => code is not null && scope.Length > 0 && code.StartsWith(PrefixOf(scope), StringComparison.Ordinal);

    /// <summary>
    /// The half-open range [Value, Value + ":") holds exactly the codes that start with Value, because ':' sorts
    /// right after '9'; SQLite can answer a range from an index where LIKE 'x%' would scan.
    /// </summary>
    internal string RangeEnd => RangeEndOf(Value);

    internal static string RangeEndOf(string scope) => PrefixOf(scope) + ":";

    /// <summary>This code and its ancestors, from this one up to the province.</summary>
    public IEnumerable<RegionCode> SelfAndAncestors()
    {
        for (var code = this; code is not null; code = code.Parent) yield return code;
    }

    public static bool TryParse(string? text, [NotNullWhen(true)] out RegionCode? code, [NotNullWhen(false)] out CodedMessage? error)
    {
        code = null;
        var cleaned = TextNormalizer.Narrow(text);
        if (cleaned is null)
        {
            error = new CodedMessage("region.empty", "缺少区域代码", "the region code is missing");
            return false;
        }
        if (!cleaned.All(char.IsAsciiDigit))
        {
            error = new CodedMessage("region.not-digits", $"区域代码“{cleaned}”只能由数字组成", $"the region code '{cleaned}' must be digits only");
            return false;
        }
        if (cleaned.Length is not (6 or 9 or 12))
        {
            error = new CodedMessage("region.length",
                $"区域代码“{cleaned}”应为 6 位（省、市、区县）、9 位（乡镇街道）或 12 位（村社区），实际 {cleaned.Length} 位",
                $"the region code '{cleaned}' must have 6 (province, city, county), 9 (township) or 12 (village) digits, not {cleaned.Length}");
            return false;
        }
        error = null;
        code = new RegionCode(cleaned);
        return true;
    }

    public static RegionCode Parse(string text) =>
        TryParse(text, out var code, out var error) ? code : throw new FederationException(FederationError.Invalid, error);

    public override string ToString() => Value;
}

/// <summary>The levels as people name them.</summary>
public static class RegionLevelNames
{
    public static string Zh(RegionLevel level) => level switch
    {
        RegionLevel.Province => "省",
        RegionLevel.City => "市",
        RegionLevel.District => "区县",
        RegionLevel.Township => "乡镇街道",
        _ => "村社区",
    };
}
