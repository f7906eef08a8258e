using System.Globalization;

namespace Workflow.Federation.Common;

/// <summary>
/// A message shown to a user: a stable code that clients and tests match on, the Chinese text people read
/// first, and an English text for those who ask for it.
/// </summary>
public sealed record CodedMessage(string Code, string ZhCn, string En)
{
    /// <summary>English when the culture is English, Chinese otherwise (zh-CN is the product's first language).</summary>
    public string Text(CultureInfo? culture = null) =>
        culture?.TwoLetterISOLanguageName == "en" ? En : ZhCn;

    public override string ToString() => $"{Code}: {ZhCn}";
}
