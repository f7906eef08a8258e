using Workflow.Federation.Common;

namespace Workflow.Federation.Rosters;

/// <summary>Checks a roster entry: a name, an optional phone that looks like one, and for exemplars the honour and its year.</summary>
internal static class RosterRules
{
    private const int MaxText = 200;
    private const int FirstYear = 1949;

    public static RosterEntryInput Normalize(Roster roster, RosterEntryInput input, int currentYear)
    {
        var problems = new List<FieldProblem>();
        var name = Text(input.Name, "name", "姓名", "name", problems);
        if (name is null && problems.Count == 0) problems.Add(new FieldProblem("name", new CodedMessage("field.required", "缺少“姓名”", "'name' is missing")));
        var phone = Phone(input.Phone, problems);
        var honour = Text(input.Honour, "honour", "荣誉", "honour", problems);
        if (roster == Roster.Exemplars)
        {
            if (honour is null && !problems.Any(p => p.Field == "honour"))
                problems.Add(new FieldProblem("honour", new CodedMessage("field.required", "先进典型须填写所获荣誉", "an exemplar needs the honour she received")));
            if (input.Year is not { } year || year < FirstYear || year > currentYear)
                problems.Add(new FieldProblem("year", new CodedMessage("roster.year",
                    $"荣誉年度应在 {FirstYear}–{currentYear} 之间", $"the honour's year must be between {FirstYear} and {currentYear}")));
        }
        var normalized = new RosterEntryInput(name ?? "", Text(input.Role, "role", "职务", "role", problems), phone,
            Text(input.Note, "note", "备注", "note", problems), roster == Roster.Exemplars ? honour : null, roster == Roster.Exemplars ? input.Year : null);
        return problems.Count == 0 ? normalized : throw new FederationValidationException(problems);
    }

    private static string? Text(string? value, string field, string zh, string en, List<FieldProblem> problems)
    {
        var cleaned = TextNormalizer.Clean(value);
        if (cleaned is null) return null;
        if (GarbledText.Find(cleaned) is { } garbled) problems.Add(new FieldProblem(field, garbled));
        else if (cleaned.Length > MaxText)
            problems.Add(new FieldProblem(field, new CodedMessage("text.too-long", $"“{zh}”过长，最多 {MaxText} 字", $"'{en}' is too long (at most {MaxText} characters)")));
        else return cleaned;
        return null;
    }

    /// <summary>A mainland mobile (11 digits from 1) or a landline with area code; separators and +86 are allowed.</summary>
    private static string? Phone(string? value, List<FieldProblem> problems)
    {
        var cleaned = TextNormalizer.Narrow(value);
        if (cleaned is null) return null;
        var digits = new string([.. cleaned.Where(char.IsAsciiDigit)]);
        if (digits.StartsWith("86", StringComparison.Ordinal) && digits.Length == 13) digits = digits[2..];
        var allowed = cleaned.All(c => char.IsAsciiDigit(c) || c is '-' or ' ' or '+' or '(' or ')');
        var mobile = digits.Length == 11 && digits[0] == '1';
        var landline = digits.Length is >= 10 and <= 12 && digits[0] == '0';
        if (allowed && (mobile || landline)) return cleaned;
        problems.Add(new FieldProblem("phone", new CodedMessage("roster.phone",
            $"联系电话“{cleaned}”不像手机号（11 位）或带区号的固定电话", $"the phone '{cleaned}' is neither a mobile (11 digits) nor a landline with area code")));
        return null;
    }
}
