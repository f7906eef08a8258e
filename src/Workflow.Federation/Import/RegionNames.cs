using Workflow.Federation.Common;
using Workflow.Federation.Regions;

namespace Workflow.Federation.Import;

/// <summary>
/// Reads a region cell: a code as it is, or a name (霞美镇) looked up among the regions within the campaign's region.
/// A name two regions there share, or none has, is the row's problem: guessing would file the unit in the wrong town.
/// </summary>
internal sealed class RegionNames
{
    private readonly Dictionary<string, List<RegionName>> _byName;

    public RegionNames(IReadOnlyList<RegionName>? regions, RegionCode within) =>
        _byName = (regions ?? []).Where(r => within.Contains(r.Code))
            .GroupBy(r => TextNormalizer.Key(r.Name), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);

    /// <summary>The code the cell names, or null with the reason.</summary>
    public string? Resolve(string text, out CodedMessage? problem)
    {
        problem = null;
        if (text.All(char.IsAsciiDigit)) return text;
        var matches = _byName.GetValueOrDefault(TextNormalizer.Key(text));
        switch (matches)
        {
            case [var only]:
                return only.Code;
            case null or []:
                problem = ImportMessages.UnknownRegionName(text);
                return null;
            default:
                problem = ImportMessages.AmbiguousRegionName(text, matches.Select(m => m.Code));
                return null;
        }
    }
}
