using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Workflow.Federation.Import;

/// <summary>Limits of one import, from configuration section <see cref="SectionName"/>.</summary>
public sealed record ImportOptions
{
    public const string SectionName = "Federation:Import";

    /// <summary>A district's whole ledger (100,000 rows) is about 20 MB as CSV and 7 MB as .xlsx; 64 MB leaves room.</summary>
    public long MaxFileBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>Rows after the heading; more is refused before anything is checked.</summary>
    public int MaxRows { get; init; } = 200_000;

    public static ImportOptions From(IConfiguration? configuration)
    {
        var defaults = new ImportOptions();
        var section = configuration?.GetSection(SectionName);
        return new ImportOptions
        {
            MaxFileBytes = Read(section, nameof(MaxFileBytes)) ?? defaults.MaxFileBytes,
            MaxRows = (int?)Read(section, nameof(MaxRows)) ?? defaults.MaxRows,
        };
    }

    private static long? Read(IConfigurationSection? section, string key)
    {
        var text = section?[key];
        if (string.IsNullOrWhiteSpace(text)) return null;
        return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value is > 0 and <= int.MaxValue
            ? value
            : throw new InvalidOperationException($"{SectionName}:{key} must be a positive whole number, not '{text}'");
    }
}
