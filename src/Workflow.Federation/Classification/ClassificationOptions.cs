using System.Globalization;
using Microsoft.Extensions.Configuration;
using Workflow.Federation.Ledger;

namespace Workflow.Federation.Classification;

/// <summary>The thresholds of the classification, from configuration section <see cref="SectionName"/>; each default cites its source.</summary>
public sealed record ClassificationOptions
{
    public const string SectionName = "Federation:Classification";

    /// <summary>Seed 004: a key unit has a party organization and more than 50 women employees (女性员工人数超过50人).</summary>
    public int KeyUnitWomenAbove { get; init; } = 50;

    /// <summary>Seed 004 speaks of enterprises (龙头企业); a platform company is one too.</summary>
    public IReadOnlyList<OrganizationKind> KeyUnitKinds { get; init; } = [OrganizationKind.Enterprise, OrganizationKind.Platform];

    /// <summary>
    /// Fewest women for a body of one's own. The smallest committee (7, DESIGN.md: riders, social organizations)
    /// is elected from more candidates than seats, so at least 8 women stand; 10 leaves a margin.
    /// </summary>
    public int StandaloneMinimumWomen { get; init; } = 10;

    /// <summary>An operating unit with at least this many women is eligible: coverage counts it as one to reach.</summary>
    public int EligibleMinimumWomen { get; init; } = 1;

    /// <summary>Name marks of a women's social organization (女性社会组织, seed 001) when the ledger does not say so.</summary>
    public IReadOnlyList<string> WomensOrganizationNameMarks { get; init; } = ["妇女", "女性", "巾帼", "女企业家", "女子", "妈妈"];

    /// <summary>
    /// Reads the section by hand: the configuration binder is not among this project's packages, and five
    /// settings do not need it. A wrong value stops start-up with the setting named.
    /// </summary>
    public static ClassificationOptions From(IConfiguration? configuration)
    {
        var defaults = new ClassificationOptions();
        var section = configuration?.GetSection(SectionName);
        if (section is null || !section.GetChildren().Any()) return defaults;
        return new ClassificationOptions
        {
            KeyUnitWomenAbove = ReadInt(section, nameof(KeyUnitWomenAbove)) ?? defaults.KeyUnitWomenAbove,
            KeyUnitKinds = ReadList(section, nameof(KeyUnitKinds), ParseKind) ?? defaults.KeyUnitKinds,
            StandaloneMinimumWomen = ReadInt(section, nameof(StandaloneMinimumWomen)) ?? defaults.StandaloneMinimumWomen,
            EligibleMinimumWomen = ReadInt(section, nameof(EligibleMinimumWomen)) ?? defaults.EligibleMinimumWomen,
            WomensOrganizationNameMarks = ReadList(section, nameof(WomensOrganizationNameMarks), s => s) ?? defaults.WomensOrganizationNameMarks,
        };
    }

    private static int? ReadInt(IConfigurationSection section, string key)
    {
        var text = section[key];
        if (string.IsNullOrWhiteSpace(text)) return null;
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= 0
            ? value
            : throw new InvalidOperationException($"{SectionName}:{key} must be a whole number of 0 or more, not '{text}'");
    }

    private static List<T>? ReadList<T>(IConfigurationSection section, string key, Func<string, T> parse)
    {
        var items = section.GetSection(key).GetChildren().Select(c => c.Value).OfType<string>().ToList();
        return items.Count == 0 ? null : items.Select(parse).ToList();
    }

    private static OrganizationKind ParseKind(string text) => Enum.TryParse<OrganizationKind>(text, ignoreCase: true, out var kind)
        ? kind
        : throw new InvalidOperationException($"{SectionName}:{nameof(KeyUnitKinds)} has '{text}', which is not one of {string.Join(", ", Enum.GetNames<OrganizationKind>())}");
}
