using Workflow.Federation.Common;
using Workflow.Federation.Elections;
using Workflow.Federation.Kinds;
using Workflow.Federation.Registry;

namespace Workflow.Federation.Founding;

internal static class FoundingMessages
{
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

    private static readonly System.Globalization.CultureInfo English = System.Globalization.CultureInfo.GetCultureInfo("en");

    public static CodedMessage AlreadyOpen(Guid other) => new("founding.already-open",
        $"该单位已有进行中的组建申请 {other}", $"an open founding request {other} already covers this organization");

    public static CodedMessage NotAt(string activity, IReadOnlyList<string> waiting) => new("founding.wrong-step",
        $"当前步骤为 {string.Join("、", waiting)}，不能进行 {activity} 的操作",
        $"the request waits at {string.Join(", ", waiting)}, not at {activity}");

    public static FederationException NotFound(Guid id) => new(FederationError.NotFound,
        new CodedMessage("not-found.founding", $"找不到组建申请 {id}", $"no founding request {id}"));
}

/// <summary>The election rules refused a slate or a ballot record; each explanation says why, with its figures.</summary>
public sealed class FoundingRefusedException(IReadOnlyList<Explanation> explanations) : RuleRefusedException(explanations);
