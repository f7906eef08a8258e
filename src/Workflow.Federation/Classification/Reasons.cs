using Workflow.Federation.Common;
using Workflow.Federation.Ledger;

namespace Workflow.Federation.Classification;

/// <summary>The reasons a recommendation gives, each citing the seed report its rule comes from.</summary>
internal static class Reasons
{
    public static CodedMessage KeyUnit(int women, int above) => new("classification.key-unit",
        $"已建立党组织，女职工 {women} 人（超过 {above} 人），列为重点筹建单位（来源：南安市妇联“星链工程”）",
        $"has a party organization and {women} women (more than {above}): a key unit to found first (seed 004)");

    public static CodedMessage NotOperating(OperatingStatus status) => new("classification.not-operating",
        $"经营状态为“{Labels.Of(status)}”，暂不组建", $"operating status is '{status}': nothing to found for now");

    public static CodedMessage TooFewWomen(int women, int minimum) => new("classification.too-few-women",
        $"女职工 {women} 人，少于 {minimum} 人，暂不组建", $"{women} women, fewer than {minimum}: nothing to found for now");

    public static readonly CodedMessage PartyEnterprise = new("priority.party-enterprise",
        "已建立党组织的企业，按“有党组织企业全覆盖”应建尽建（来源：永川区妇联）",
        "an enterprise with a party organization: every such enterprise is to be covered (seed 001)");

    public static CodedMessage WomensOrganization(string mark) => new("priority.womens-organization",
        mark.Length == 0
            ? "女性社会组织，按“女性社会组织全覆盖”应建尽建（来源：永川区妇联）"
            : $"名称含“{mark}”，视为女性社会组织，按“女性社会组织全覆盖”应建尽建（来源：永川区妇联）",
        mark.Length == 0
            ? "a women's social organization: every one is to be covered (seed 001)"
            : $"the name contains '{mark}', so it counts as a women's social organization: every one is to be covered (seed 001)");

    public static readonly CodedMessage Association = new("priority.association",
        "行业协会、商会按“行业协会逐步建”逐步推进（来源：永川区妇联）",
        "industry associations and chambers are founded step by step (seed 001)");

    public static readonly CodedMessage AsConditionsAllow = new("priority.as-conditions-allow",
        "不属于重点或应建尽建范围，条件成熟时组建", "neither a key unit nor in a group to cover fully: found when conditions allow");

    public static CodedMessage Covered(CoveringBody body) => new("classification.covered",
        $"已由“{body.Name}”覆盖", $"already covered by '{body.Name}'");

    public static CodedMessage JointSameOwner(string owner, IReadOnlyList<RecommendedPartner> partners) => new("mode.joint.same-owner",
        $"与同属“{owner}”的{Names(partners)}同业主单位联建（来源：南安市妇联，弘一石业五大业务板块联建）",
        $"found jointly with the other business lines of '{owner}': {NamesEn(partners)} (seed 004)");

    public static CodedMessage Standalone(int women, int minimum) => new("mode.standalone",
        $"女职工 {women} 人（不少于 {minimum} 人），具备单独建条件（来源：南安市妇联“在有条件单独建妇联的基础上”）",
        $"{women} women (at least {minimum}): conditions allow a body of its own (seed 004)");

    public static CodedMessage Led(int women, int minimum, RecommendedPartner leader) => new("mode.led",
        $"女职工 {women} 人（少于 {minimum} 人），由同园区的重点企业“{leader.Name}”带建（来源：南安市妇联“龙头企业党建带妇建”）",
        $"{women} women (fewer than {minimum}): to be led by '{leader.Name}', a key unit on the same site (seed 004)");

    public static CodedMessage JointSameSite(int women, int minimum, IReadOnlyList<RecommendedPartner> partners, int together) => new("mode.joint.same-site",
        $"女职工 {women} 人（少于 {minimum} 人），与{Names(partners)}联建，合计女职工 {together} 人（来源：南安市妇联“地域相近的基地跨基地联建”）",
        $"{women} women (fewer than {minimum}): found jointly with {NamesEn(partners)}, {together} women together (seed 004)");

    public static CodedMessage Hosted(int women, int minimum, RecommendedPartner host) => new("mode.hosted",
        $"女职工 {women} 人（少于 {minimum} 人），依托“{host.Name}”托建妇女微家（来源：南安市妇联“各类工作平台托建”）",
        $"{women} women (fewer than {minimum}): a women's micro-home hosted by '{host.Name}' (seed 004)");

    public static CodedMessage HostedWithoutHost(int women, int minimum) => new("mode.hosted.no-host",
        $"女职工 {women} 人（少于 {minimum} 人），宜依托行业协会或服务平台托建妇女微家；台账中暂无可依托的单位（来源：南安市妇联）",
        $"{women} women (fewer than {minimum}): a women's micro-home hosted by an association or platform; none found in the ledger yet (seed 004)");

    private static string Names(IReadOnlyList<RecommendedPartner> partners) =>
        string.Join("、", partners.Take(5).Select(p => $"“{p.Name}”")) + (partners.Count > 5 ? $"等 {partners.Count} 家单位" : "");

    private static string NamesEn(IReadOnlyList<RecommendedPartner> partners) =>
        string.Join(", ", partners.Take(5).Select(p => $"'{p.Name}'")) + (partners.Count > 5 ? $" and {partners.Count - 5} more" : "");
}
