using System.Globalization;

namespace Workflow.Server.Pages.Site;

/// <summary>One phrase in both languages of the pages; it renders in the request's UI culture (zh-CN unless the person switched to English).</summary>
public sealed record Phrase(string Zh, string En)
{
    public static bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    public override string ToString() => IsEnglish ? En : Zh;

    /// <summary>A phrase with holes, filled in the current language: <c>new Phrase("共 {0} 项", "{0} in all").Format(n)</c>.</summary>
    public string Format(params object?[] values) => string.Format(CultureInfo.CurrentCulture, ToString(), values);

    public static implicit operator string(Phrase phrase) => phrase.ToString();
}
