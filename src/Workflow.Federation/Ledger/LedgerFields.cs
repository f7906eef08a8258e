using System.Globalization;
using Workflow.Federation.Common;

namespace Workflow.Federation.Ledger;

/// <summary>
/// One field of <see cref="OrganizationFacts"/> as people see it: its Chinese and English column names, other
/// headings found in real ledgers, and how its value reads. Import, export, validation and history all use
/// this one table, so an exported ledger imports again unchanged.
/// </summary>
public sealed record LedgerField(string Key, string ZhCn, string En, IReadOnlyList<string> Aliases, bool Required,
    Func<OrganizationFacts, CultureInfo?, string?> Display, Func<OrganizationFacts, int>? Number = null)
{
    public CodedMessage Label => new($"field.{Key}", ZhCn, En);

    /// <summary>What a spreadsheet cell holds: a number for the counts, text for the rest.</summary>
    public object? Cell(OrganizationFacts facts, CultureInfo? culture) => Number is null ? Display(facts, culture) : Number(facts);

    public string Heading(CultureInfo? culture) => Label.Text(culture);
}

public static class LedgerFields
{
    public static readonly LedgerField Name = new("name", "单位名称", "Name",
        ["名称", "组织名称", "企业名称", "单位", "单位全称", "企业（单位）名称", "organization", "organization name", "unit name"], true, (f, _) => f.Name);
    public static readonly LedgerField CreditCode = new("creditCode", "统一社会信用代码", "Credit code",
        ["信用代码", "社会信用代码", "unified social credit code", "uscc", "credit code"], false, (f, _) => f.CreditCode);
    public static readonly LedgerField Sector = new("sector", "领域", "Sector",
        ["所属领域", "三新领域", "领域类别", "所属三新领域", "field"], true, (f, c) => Labels.Of(f.Sector, c));
    public static readonly LedgerField Kind = new("kind", "类型", "Kind",
        ["单位类型", "组织类型", "单位性质", "组织形式", "type", "organization kind"], true, (f, c) => Labels.Of(f.Kind, c));
    public static readonly LedgerField RegionCode = new("regionCode", "所在区域代码", "Region code",
        ["区域代码", "行政区划代码", "区划代码", "所在区域", "所属区域", "区域", "所属乡镇", "所在乡镇", "乡镇（街道）", "所属镇街", "所在村（社区）", "region"], true, (f, _) => f.RegionCode);
    public static readonly LedgerField Industry = new("industry", "行业", "Industry",
        ["所属行业", "行业类别"], false, (f, _) => f.Industry);
    public static readonly LedgerField Address = new("address", "地址", "Address",
        ["单位地址", "详细地址", "所在地址"], false, (f, _) => f.Address);
    public static readonly LedgerField StaffCount = new("staffCount", "从业人员数", "Staff count",
        ["从业人数", "从业人员", "职工数", "员工数", "职工人数", "staff", "employees"], true, (f, _) => Text(f.StaffCount), f => f.StaffCount);
    public static readonly LedgerField WomenCount = new("womenCount", "女职工数", "Women count",
        ["女性从业人员数", "女性从业人员", "女职工人数", "女性人数", "女职工", "women", "female staff"], true, (f, _) => Text(f.WomenCount), f => f.WomenCount);
    public static readonly LedgerField PartyOrganization = new("partyOrganization", "党组织情况", "Party organization",
        ["党组织", "党组织建立情况", "是否建立党组织", "是否成立党组织", "有无党组织", "party"], true, (f, c) => Labels.Of(f.PartyOrganization, c));
    public static readonly LedgerField PartyOrganizationName = new("partyOrganizationName", "党组织名称", "Party organization name",
        ["党组织全称"], false, (f, _) => f.PartyOrganizationName);
    // Not required: officers' own sheets list only units in business and leave the column out; the import reads
    // an absent column as "operating".
    public static readonly LedgerField OperatingStatus = new("operatingStatus", "经营状态", "Operating status",
        ["运营状态", "登记状态", "营业状态", "存续状态", "状态", "status"], false, (f, c) => Labels.Of(f.OperatingStatus, c));
    public static readonly LedgerField OwnerGroup = new("ownerGroup", "所属集团", "Owner group",
        ["业主单位", "母公司", "上级单位", "所属集团公司", "owner", "parent company"], false, (f, _) => f.OwnerGroup);
    public static readonly LedgerField Site = new("site", "所在园区基地", "Site",
        ["所在园区", "所在基地", "所在楼宇", "所在商圈", "园区基地", "park", "base"], false, (f, _) => f.Site);
    public static readonly LedgerField IsWomensOrganization = new("isWomensOrganization", "女性社会组织", "Women's organization",
        ["是否女性社会组织", "womens organization"], false, (f, c) => YesNo(f.IsWomensOrganization, c));

    /// <summary>In the order a ledger lists them (the order of the export).</summary>
    public static readonly IReadOnlyList<LedgerField> All =
    [
        Name, CreditCode, Sector, Kind, RegionCode, Industry, Address, StaffCount, WomenCount,
        PartyOrganization, PartyOrganizationName, OperatingStatus, OwnerGroup, Site, IsWomensOrganization,
    ];

    private static readonly Dictionary<string, LedgerField> ByKey = All.ToDictionary(f => f.Key, StringComparer.Ordinal);

    private static readonly Dictionary<string, LedgerField> ByHeading = All
        .SelectMany(f => f.Aliases.Append(f.ZhCn).Append(f.En).Append(f.Key).Select(h => (Heading: TextNormalizer.Key(h), Field: f)))
        .DistinctBy(x => x.Heading)
        .ToDictionary(x => x.Heading, x => x.Field, StringComparer.Ordinal);

    public static LedgerField? ForKey(string key) => ByKey.GetValueOrDefault(key);

    /// <summary>The field a column heading names, ignoring case, spaces, full-width forms and units in brackets (“从业人员数（人）”).</summary>
    public static LedgerField? ForHeading(string? heading) => ByHeading.GetValueOrDefault(TextNormalizer.Key(heading));

    public static string YesNo(bool value, CultureInfo? culture) =>
        culture?.TwoLetterISOLanguageName == "en" ? (value ? "yes" : "no") : (value ? "是" : "否");

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
