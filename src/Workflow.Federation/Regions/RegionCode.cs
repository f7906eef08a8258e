using System.Diagnostics.CodeAnalysis;
using Workflow.Federation.Common;

namespace Workflow.Federation.Regions;

public enum RegionLevel
{
    /// <summary>区县: 6 digits, e.g. 370102.</summary>
    District = 1,
    /// <summary>乡镇/街道: 9 digits, e.g. 370102001.</summary>
    Township = 2,
    /// <summary>村/社区: 12 digits, e.g. 370102001001.</summary>
    Village = 3,
}

/// <summary>
/// An administrative region by its code, with prefix semantics: "370102 and below" is every code that starts
/// with 370102. A record class rather than a struct on purpose: a default struct would be an empty code, and an
/// empty prefix contains every region, which is the one scope that must never appear by accident.
/// </summary>
public sealed record RegionCode
{
    private RegionCode(string value) => Value = value;

    public string Value { get; }

    public RegionLevel Level => Value.Length switch
    {
        6 => RegionLevel.District,
        9 => RegionLevel.Township,
        _ => RegionLevel.Village,
    };

    /// <summary>The region one level up; null for a district, the top of the tree this service keeps.</summary>
    public RegionCode? Parent => Level switch
    {
        RegionLevel.Village => new RegionCode(Value[..9]),
        RegionLevel.Township => new RegionCode(Value[..6]),
        _ => null,
    };

    /// <summary>True for this region itself and every region below it.</summary>
    public bool Contains(RegionCode other) => Covers(Value, other.Value);

    public bool Contains(string otherCode) => Covers(Value, otherCode);

    /// <summary>
    /// The one region rule, for codes held as text: <paramref name="code"/> is the region <paramref name="scope"/> itself or
    /// lies below it. Queries use <see cref="RegionFilter.Within{T}(IQueryable{T}, System.Linq.Expressions.Expression{Func{T, string}}, string)"/>, the same rule in SQL.
    /// </summary>
    public static bool Covers(string scope, string? code) => code is not null && scope.Length > 0 && code.StartsWith(scope, StringComparison.Ordinal);

    /// <summary>
    /// The half-open range [Value, Value + ":") holds exactly the codes that start with Value, because ':' sorts
    /// right after '9'; SQLite can answer a range from an index where LIKE 'x%' would scan.
    /// </summary>
    internal string RangeEnd => RangeEndOf(Value);

    internal static string RangeEndOf(string scope) => scope + ":";

    /// <summary>This code and its ancestors, from this one up to the district.</summary>
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
                $"区域代码“{cleaned}”应为 6 位（区县）、9 位（乡镇街道）或 12 位（村社区），实际 {cleaned.Length} 位",
                $"the region code '{cleaned}' must have 6 (district), 9 (township) or 12 (village) digits, not {cleaned.Length}");
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
