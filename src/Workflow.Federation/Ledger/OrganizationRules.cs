using System.Globalization;
using Workflow.Federation.Common;
using Workflow.Federation.Regions;

namespace Workflow.Federation.Ledger;

/// <summary>Checks and normalizes the facts of one organization, whether typed in a form or read from a spreadsheet row.</summary>
public static class OrganizationRules
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    public const int MaxNameLength = 200;
    public const int MaxTextLength = 300;
    public const int MaxCount = 10_000_000;

    // Codes of the checks that compare two fields: an import skips them when the other field could not be read.
    public const string WomenAboveStaff = "count.women-above-staff";
    public const string CreditCodeRequired = "credit-code.required";
    public const string PartyNameRequired = "party.name-required";
    public const string PartyNameWithoutOrganization = "party.name-without-organization";

    /// <summary>
    /// Units that are legal persons carry a credit code; places (buildings, districts, parks, bases, markets),
    /// platforms surveyed as places of work and groups of new-employment workers have none of their own.
    /// </summary>
    public static bool RequiresCreditCode(OrganizationKind kind) => kind is OrganizationKind.Enterprise
        or OrganizationKind.SocialOrganization or OrganizationKind.IndustryAssociation or OrganizationKind.Chamber;

    /// <summary>Every problem with the facts, field by field; on success the facts with codes normalized and text trimmed.</summary>
    public static IReadOnlyList<FieldProblem> Check(OrganizationFacts input, out OrganizationFacts normalized)
    {
        var problems = new List<FieldProblem>();
        var name = Text(input.Name, LedgerFields.Name, MaxNameLength, problems);
        if (name is null && !problems.Any(p => p.Field == LedgerFields.Name.Key))
            problems.Add(Missing(LedgerFields.Name));

        string? creditCode = null;
        if (TextNormalizer.Clean(input.CreditCode) is { } rawCode)
        {
            if (CreditCode.TryParse(rawCode, out var code, out var error)) creditCode = code.Value;
            else problems.Add(new FieldProblem(LedgerFields.CreditCode.Key, error));
        }
        else if (RequiresCreditCode(input.Kind))
            problems.Add(new FieldProblem(LedgerFields.CreditCode.Key, new CodedMessage(CreditCodeRequired,
                $"{Labels.Of(input.Kind)}须填写统一社会信用代码",
                $"a unit of kind {Labels.Of(input.Kind, English)} must have a unified social credit code")));

        var regionCode = "";
        if (RegionCode.TryParse(input.RegionCode, out var region, out var regionError)) regionCode = region.Value;
        else problems.Add(new FieldProblem(LedgerFields.RegionCode.Key, regionError));

        CheckCount(input.StaffCount, LedgerFields.StaffCount, problems);
        CheckCount(input.WomenCount, LedgerFields.WomenCount, problems);
        if (input.WomenCount > input.StaffCount && input.StaffCount >= 0)
            problems.Add(new FieldProblem(LedgerFields.WomenCount.Key, new CodedMessage(WomenAboveStaff,
                $"女职工数（{input.WomenCount}）不能多于从业人员数（{input.StaffCount}）",
                $"the women count ({input.WomenCount}) cannot exceed the staff count ({input.StaffCount})")));

        var partyName = Text(input.PartyOrganizationName, LedgerFields.PartyOrganizationName, MaxNameLength, problems);
        if (input.HasPartyOrganization && partyName is null)
            problems.Add(new FieldProblem(LedgerFields.PartyOrganizationName.Key, new CodedMessage(PartyNameRequired,
                "已建立党组织的，须填写党组织名称", "a unit with a party organization must name it")));
        if (!input.HasPartyOrganization && partyName is not null)
            problems.Add(new FieldProblem(LedgerFields.PartyOrganizationName.Key, new CodedMessage(PartyNameWithoutOrganization,
                $"党组织情况为“无”，却填写了党组织名称“{partyName}”", $"the party organization is 'none' but a name is given ('{partyName}')")));

        CheckDefined(input.Sector, LedgerFields.Sector, problems);
        CheckDefined(input.Kind, LedgerFields.Kind, problems);
        CheckDefined(input.PartyOrganization, LedgerFields.PartyOrganization, problems);
        CheckDefined(input.OperatingStatus, LedgerFields.OperatingStatus, problems);

        normalized = input with
        {
            Name = name ?? "",
            CreditCode = creditCode,
            RegionCode = regionCode,
            Industry = Text(input.Industry, LedgerFields.Industry, MaxNameLength, problems),
            Address = Text(input.Address, LedgerFields.Address, MaxTextLength, problems),
            PartyOrganizationName = partyName,
            OwnerGroup = Text(input.OwnerGroup, LedgerFields.OwnerGroup, MaxNameLength, problems),
            Site = Text(input.Site, LedgerFields.Site, MaxNameLength, problems),
        };
        return problems;
    }

    /// <summary>As <see cref="Check"/>, throwing every problem at once.</summary>
    public static OrganizationFacts Normalize(OrganizationFacts input)
    {
        var problems = Check(input, out var normalized);
        return problems.Count == 0 ? normalized : throw new FederationValidationException(problems);
    }

    public static FieldProblem Missing(LedgerField field) => new(field.Key, new CodedMessage("field.required",
        $"缺少“{field.ZhCn}”", $"'{field.En}' is missing"));

    private static string? Text(string? value, LedgerField field, int maxLength, List<FieldProblem> problems)
    {
        var cleaned = TextNormalizer.Clean(value);
        if (cleaned is null) return null;
        if (GarbledText.Find(cleaned) is { } garbled)
        {
            problems.Add(new FieldProblem(field.Key, garbled));
            return null;
        }
        if (cleaned.Length > maxLength)
        {
            problems.Add(new FieldProblem(field.Key, new CodedMessage("text.too-long",
                $"“{field.ZhCn}”过长（{cleaned.Length} 字），最多 {maxLength} 字", $"'{field.En}' is too long ({cleaned.Length} characters, at most {maxLength})")));
            return null;
        }
        return cleaned;
    }

    private static void CheckCount(int value, LedgerField field, List<FieldProblem> problems)
    {
        if (value < 0)
            problems.Add(new FieldProblem(field.Key, new CodedMessage("count.negative",
                $"“{field.ZhCn}”不能为负数（{value}）", $"'{field.En}' cannot be negative ({value})")));
        else if (value > MaxCount)
            problems.Add(new FieldProblem(field.Key, new CodedMessage("count.too-large",
                $"“{field.ZhCn}”过大（{value}）", $"'{field.En}' is implausibly large ({value})")));
    }

    private static void CheckDefined<T>(T value, LedgerField field, List<FieldProblem> problems) where T : struct, Enum
    {
        if (!Enum.IsDefined(value))
            problems.Add(new FieldProblem(field.Key, new CodedMessage("value.unknown",
                $"“{field.ZhCn}”的值无效，可选：{Labels.AllZhCn<T>()}", $"'{field.En}' has no such value; one of: {Labels.AllEn<T>()}")));
    }
}
