using Workflow.Federation.Common;

namespace Workflow.Federation.Import;

/// <summary>
/// Which of a file's columns holds which ledger field: field key (<c>regionCode</c>) → the file's heading (<c>所属区域</c>).
/// A field left out is found by its heading (<see cref="Ledger.LedgerFields.ForHeading"/>); a field mapped to an
/// empty heading is not read even if a column's heading names it.
/// </summary>
public sealed record ColumnMapping(IReadOnlyDictionary<string, string> Headings)
{
    public static readonly ColumnMapping None = new(new Dictionary<string, string>());
}

/// <summary>A region as the import reads it in a region column: by code, or by its name when that is unique within the campaign.</summary>
public sealed record RegionName(string Code, string Name);

/// <summary>
/// What an import needs besides the file: the officer's column mapping and the region tree's names; <paramref name="RowsRead"/>
/// hears how many rows have been read, every <see cref="ProgressEvery"/> rows, for a page that shows a long import's progress.
/// </summary>
public sealed record ImportSettings(ColumnMapping? Mapping = null, IReadOnlyList<RegionName>? Regions = null, IProgress<int>? RowsRead = null)
{
    public static readonly ImportSettings Default = new();

    public const int ProgressEvery = 500;
}

/// <summary>A heading of the file: its column letter and its text.</summary>
public sealed record FileColumn(string Column, string Heading);

/// <summary>
/// The columns of a file and the mapping suggested for them: the one remembered for the campaign where the file has
/// those headings, else the field each heading names (a known synonym, ignoring case, spaces and full-width forms).
/// </summary>
public sealed record ColumnSuggestion(IReadOnlyList<FileColumn> Columns, IReadOnlyDictionary<string, string> Mapping, bool Remembered, CodedMessage? Refusal);

/// <summary>A mapping as a campaign remembers it: a JSON object of field key → heading.</summary>
internal static class ColumnMappings
{
    public static string Write(ColumnMapping mapping) => System.Text.Json.JsonSerializer.Serialize(mapping.Headings);

    public static ColumnMapping? Read(string? json) =>
        string.IsNullOrEmpty(json) ? null : new ColumnMapping(System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? []);
}

internal static class ColumnSuggestions
{
    /// <summary>A remembered field whose heading is in this file keeps it; every other field takes the first heading that names it.</summary>
    public static ColumnSuggestion For(string?[] headings, ColumnMapping? remembered)
    {
        var columns = headings.Select((h, i) => (Heading: h, Index: i)).Where(x => x.Heading is not null)
            .Select(x => new FileColumn(SheetReader.ColumnLetter(x.Index), x.Heading!)).ToList();
        var mapping = new Dictionary<string, string>(StringComparer.Ordinal);
        var used = new HashSet<string>(StringComparer.Ordinal);
        var fromMemory = false;
        foreach (var (key, heading) in remembered?.Headings ?? new Dictionary<string, string>())
        {
            var column = columns.FirstOrDefault(c => Common.TextNormalizer.Key(c.Heading) == Common.TextNormalizer.Key(heading));
            if (column is null || !used.Add(column.Heading)) continue;
            mapping[key] = column.Heading;
            fromMemory = true;
        }
        foreach (var column in columns)
        {
            if (used.Contains(column.Heading) || Ledger.LedgerFields.ForHeading(column.Heading) is not { } field || mapping.ContainsKey(field.Key)) continue;
            mapping[field.Key] = column.Heading;
            used.Add(column.Heading);
        }
        return new ColumnSuggestion(columns, mapping, fromMemory, null);
    }
}
