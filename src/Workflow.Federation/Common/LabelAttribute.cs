using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;

namespace Workflow.Federation.Common;

/// <summary>
/// The Chinese and English names of an enum member, and the other spellings people write in a spreadsheet
/// (an import accepts any of them; an export writes the Chinese one so the file reads back).
/// </summary>
[AttributeUsage(AttributeTargets.Field)]
public sealed class LabelAttribute(string zhCn, string en, params string[] aliases) : Attribute
{
    public string ZhCn { get; } = zhCn;
    public string En { get; } = en;
    public IReadOnlyList<string> Aliases { get; } = aliases;
}

public static class Labels
{
    private static readonly ConcurrentDictionary<Type, object> Tables = new();

    public static string Of<T>(T value, CultureInfo? culture = null) where T : struct, Enum
    {
        var label = Table<T>().Labels[value];
        return culture?.TwoLetterISOLanguageName == "en" ? label.En : label.ZhCn;
    }

    /// <summary>Reads a label, an alias or the member name, ignoring case, surrounding spaces and full-width forms.</summary>
    public static bool TryParse<T>(string? text, out T value) where T : struct, Enum
    {
        var table = Table<T>();
        // Most cells hold a label exactly as exported; only the rest pay for normalizing.
        return text is not null && table.Exact.TryGetValue(text, out value) || table.ByText.TryGetValue(TextNormalizer.Key(text), out value);
    }

    /// <summary>Every Chinese label, for messages that list what is accepted.</summary>
    public static string AllZhCn<T>() where T : struct, Enum => string.Join("、", Table<T>().Labels.Values.Select(l => l.ZhCn));

    public static string AllEn<T>() where T : struct, Enum => string.Join(", ", Table<T>().Labels.Values.Select(l => l.En));

    private static LabelTable<T> Table<T>() where T : struct, Enum => (LabelTable<T>)Tables.GetOrAdd(typeof(T), _ => new LabelTable<T>());

    private sealed class LabelTable<T> where T : struct, Enum
    {
        public LabelTable()
        {
            foreach (var field in typeof(T).GetFields(BindingFlags.Public | BindingFlags.Static))
            {
                var value = (T)field.GetValue(null)!;
                var label = field.GetCustomAttribute<LabelAttribute>()
                    ?? throw new InvalidOperationException($"{typeof(T).Name}.{field.Name} has no [Label]");
                Labels[value] = label;
                foreach (var text in label.Aliases.Append(label.ZhCn).Append(label.En).Append(field.Name))
                {
                    Exact.TryAdd(text, value);
                    ByText.TryAdd(TextNormalizer.Key(text), value);
                }
            }
        }

        public Dictionary<T, LabelAttribute> Labels { get; } = [];
        public Dictionary<string, T> Exact { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, T> ByText { get; } = new(StringComparer.Ordinal);
    }
}
