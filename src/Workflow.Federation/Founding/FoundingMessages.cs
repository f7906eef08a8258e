using System.Globalization;
using Workflow.Federation.Common;
using Workflow.Federation.Registry;
using Workflow.Federation.Elections;
using Workflow.Federation.Regions;
using Workflow.Federation.Kinds;

namespace Workflow.Federation.Founding;

internal static class FoundingMessages
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    public static readonly CodedMessage Required = new("founding.required", "必填", "required");

    public static readonly CodedMessage JointNeedsSeveral = new("founding.joint-needs-several",
        "联建须有两个及以上单位", "a joint founding needs two or more organizations");

    public static readonly CodedMessage SeveralNeedJoint = new("founding.several-need-joint",
        "多个单位共同组建须选择“联建”方式", "several organizations found one body only in joint mode");

    public static readonly CodedMessage NoSlate = new("founding.no-slate",
        "尚未提名候选人，不能录入选举结果", "no candidates were nominated, so no vote can be recorded");

    public static CodedMessage ReasonForMode(IReadOnlyList<(FederationKind Kind, FoundingMode Mode)> recommended) => new("founding.mode-reason",
        $"所选类型或组建方式与建议（{string.Join("／", recommended.Select(r => $"{r.Kind.ChineseName()}·{Labels.Of(r.Mode)}"))}）不同，请说明理由",
        $"the kind or mode differs from the recommendation ({string.Join(" / ", recommended.Select(r => $"{r.Kind.EnglishName()}, {Labels.Of(r.Mode, English)}"))}); give a reason");

    public static CodedMessage AlreadyInBody(string organization, string body, Guid bodyId) => new("founding.already-in-body",
        $"“{organization}”已是“{body}”（{bodyId}）的成员单位：如要改为加入新组建的妇联，请在申请中注明退出该组织（leavesBodyIds）",
        $"'{organization}' is already a member of '{body}' ({bodyId}); to join the new body, say that it leaves that one (leavesBodyIds)");

    public static CodedMessage TownshipOnlyInTownship(string region) => new("founding.township-only-in-township",
        $"乡镇(街道)妇联只能在乡镇或街道组建，所选单位分布在 {region}（{RegionLevelNames.Zh(RegionCode.LevelOf(region))}）范围，跨越了多个乡镇街道",
        $"a township federation is founded in one township or street; the organizations chosen span {region} ({RegionCode.LevelOf(region).ToString().ToLowerInvariant()})");

    public static CodedMessage CongressNotYetHeld(DateOnly congress) => new("founding.congress-not-held",
        $"妇女大会定于 {congress:yyyy-MM-dd} 召开，尚未举行，不能录入选举结果",
        $"the women's congress is set for {congress:yyyy-MM-dd} and has not been held yet; its results cannot be recorded");

    public static CodedMessage FoundedAfterRegistration(DateOnly founded, DateOnly registeredOn) => new("founding.founded-after-registration",
        $"成立日期 {founded:yyyy-MM-dd} 晚于登记日期 {registeredOn:yyyy-MM-dd}：组织须先成立，才能登记入册",
        $"the founding date {founded:yyyy-MM-dd} is after the registration on {registeredOn:yyyy-MM-dd}; a body is founded before it is registered");

    public static CodedMessage FoundedBeforeCongress(DateOnly founded, DateOnly congress) => new("founding.founded-before-congress",
        $"成立日期 {founded:yyyy-MM-dd} 早于妇女大会召开日期 {congress:yyyy-MM-dd}：组织在大会选举之后才成立",
        $"the founding date {founded:yyyy-MM-dd} is before the women's congress on {congress:yyyy-MM-dd}; a body is founded once its congress has elected it");

    public static CodedMessage AlreadyOpen(Guid other) => new("founding.already-open",
        $"该单位已有进行中的组建申请 {other}", $"an open founding request {other} already covers this organization");

    /// <summary>The step asked for is not open; names the steps that are, by their titles, or the request's state when none is.</summary>
    public static CodedMessage NotAt(string step, IReadOnlyList<string> waiting, string status) => waiting.Count > 0
        ? new("founding.wrong-step", $"当前待办步骤为“{string.Join("”“", waiting)}”，不能进行“{step}”", $"the request waits at '{string.Join("', '", waiting)}', not at '{step}'")
        : new("founding.wrong-step", $"该申请{StatusZh(status)}，没有待办步骤，不能进行“{step}”", $"the request is {status} and waits at no step, so '{step}' cannot be done");

    private static string StatusZh(string status) => status switch
    {
        "draft" => "尚未提交",
        "founded" => "已完成登记",
        "rejected" => "已被驳回",
        "cancelled" or "withdrawn" => "已撤回",
        "faulted" => "处理出错，等待管理员处理",
        "open" => "仍在办理",
        _ => "已办结",
    };

    public static FederationException NotFound(Guid id) => new(FederationError.NotFound,
        new CodedMessage("not-found.founding", $"找不到组建申请 {id}", $"no founding request {id}"));
}

/// <summary>The election rules refused a slate or a ballot record; each explanation says why, with its figures.</summary>
public sealed class FoundingRefusedException(IReadOnlyList<Explanation> explanations) : RuleRefusedException(explanations);
