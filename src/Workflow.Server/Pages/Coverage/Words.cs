using Workflow.Server.Pages.Site;

namespace Workflow.Server.Pages.Coverage;

/// <summary>The coverage page's phrases, kept beside it (the site-wide ones stay in <see cref="Text"/>).</summary>
public static class Words
{
    public static readonly Phrase Title = new("覆盖情况", "Coverage");
    public static readonly Phrase Heading = new("{0} 覆盖情况（{1} 年）", "Coverage of {0} ({1})");
    public static readonly Phrase Breadcrumbs = new("上级区域", "Regions above");
    public static readonly Phrase YearLabel = new("年度", "Year");
    public static readonly Phrase Show = new("查看", "Show");
    public static readonly Phrase OwnLine = new("{0}本级", "{0} itself");
    public static readonly Phrase OwnHint = new("“本级”是直接登记在本区域、不属于任何下级区域的单位和组织，使合计等于各行之和。",
        "\"Itself\" counts organizations and bodies coded to this region and not to one below it, so the total is the sum of the lines.");
    public static readonly Phrase Total = new("合计", "Total");
    public static readonly Phrase Export = new("导出 Excel", "Export to Excel");
    public static readonly Phrase ByRegion = new("各下级区域", "By region below");
    public static readonly Phrase BySector = new("各领域", "By sector");
    public static readonly Phrase Name = new("区域", "Region");
    public static readonly Phrase Sector = new("领域", "Sector");
    public static readonly Phrase Surveyed = new("已摸排", "Surveyed");
    public static readonly Phrase Eligible = new("应建", "Eligible");
    public static readonly Phrase KeyUnits = new("重点单位", "Key units");
    public static readonly Phrase Bodies = new("已建妇联", "Bodies founded");
    public static readonly Phrase MicroHomes = new("妇女微家", "Micro-homes");
    public static readonly Phrase Coverage = new("覆盖率", "Coverage");
    /// <summary>有效覆盖 (issue 14): bodies that held what their plan asks in the last two complete quarters, and the organizations they cover.</summary>
    public static readonly Phrase BodiesActive = new("有效运行组织", "Active bodies");
    public static readonly Phrase EffectiveCoverage = new("有效覆盖率", "Effective coverage");
    public static readonly Phrase QuietTitle = new("已沉寂的组织", "Bodies gone quiet");
    public static readonly Phrase QuietLink = new("查看已沉寂的组织", "Bodies gone quiet");
    public static readonly Phrase QuietHelp = new("近两个完整季度未按计划开展联席会、执委轮值活动或未组建爱心妈妈队伍的组织，建议上门走访。",
        "Bodies that did not hold their joint meetings or duty-group activities in the last two complete quarters, or have no Caring Mothers team: worth a visit.");
    public static readonly Phrase QuietCount = new("共 {0} 个", "{0} in all");
    public static readonly Phrase NoQuiet = new("本区域的组织都在按计划开展活动。", "Every body in the region keeps to its plan.");
    public static readonly Phrase LastActivity = new("最近一次活动：{0}", "last activity {0}");
    public static readonly Phrase NeverActive = new("尚无活动记录", "no activity recorded");
    public static readonly Phrase KeyCoverage = new("重点单位覆盖率", "Key-unit coverage");
    public static readonly Phrase Target = new("{0} 年目标", "Target {0}");
    public static readonly Phrase Reached = new("目标完成率", "Of target");
    public static readonly Phrase NoTarget = new("未设", "not set");
    public static readonly Phrase Empty = new("本区域尚无摸排数据。", "Nothing surveyed in this region yet.");

    public static readonly Phrase ChartRegions = new("已建、应建与目标", "Founded, eligible and target");
    public static readonly Phrase ChartRegionsDesc = new("{0}各下级区域的已建妇联数、应建单位数和 {1} 年目标数，数字见旁边的表格。",
        "Bodies founded, eligible organizations and the {1} target for each region below {0}; the table beside it has the same figures.");
    public static readonly Phrase ChartTrend = new("逐年组建", "Founded year by year");
    public static readonly Phrase ChartTrendDesc = new("{0}每年新建的妇联和妇女微家数、累计数及各年目标，数字见旁边的表格。",
        "Bodies and micro-homes founded in {0} each year, the running total and each year's target; the table beside it has the same figures.");
    public static readonly Phrase ChartKeyUnits = new("重点单位覆盖率", "Key-unit coverage");
    public static readonly Phrase ChartKeyUnitsDesc = new("{0}各下级区域重点单位中已被妇联覆盖的比例，数字见旁边的表格。",
        "The share of key units covered by a body in each region below {0}; the table beside it has the same figures.");
    public static readonly Phrase FoundedInYear = new("当年新建", "Founded that year");
    public static readonly Phrase MicroHomesInYear = new("当年新建微家", "Micro-homes that year");
    public static readonly Phrase ToDate = new("累计已建", "Founded to date");
    public static readonly Phrase YearTarget = new("年度目标", "Year's target");
    public static readonly Phrase Year = new("年份", "Year");

    public static readonly Phrase Targets = new("年度目标", "Yearly targets");
    public static readonly Phrase TargetHint = new("目标按年末累计计算，例如到 2026 年底建成 1000 个新领域妇联组织（种子材料 003）。",
        "Targets count what stands by the end of the year, e.g. 1,000 new-field bodies by the end of 2026 (seed 003).");
    public static readonly Phrase TargetYear = new("目标年度", "Target year");
    public static readonly Phrase TargetBodies = new("妇联组织数", "Bodies");
    public static readonly Phrase TargetMicroHomes = new("妇女微家数", "Micro-homes");
    public static readonly Phrase TargetSave = new("保存目标", "Save the target");
    public static readonly Phrase TargetSaved = new("已保存 {0} 年目标：妇联组织 {1} 个、妇女微家 {2} 个。", "Target for {0} saved: {1} bodies, {2} micro-homes.");
    public static readonly Phrase TargetInvalid = new("目标年度应在 2000–2100 之间，目标数应为不小于 0 的整数。", "The year must be 2000–2100 and the targets whole numbers of 0 or more.");
}
