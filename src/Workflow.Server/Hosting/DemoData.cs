using Workflow.Federation.Coverage;
using Workflow.Federation.Ledger;
using Workflow.Federation.Regions;
using Workflow.Server.Regions;

namespace Workflow.Server.Hosting;

/// <summary>
/// A first look for a newcomer: 南安市's towns and a few dozen organizations drawn from seed 004 — two industrial
/// bases at 霞美, the 弘一 group's five business lines at 水头, the 中国水暖城 market at 仑苍, a business district, a
/// delivery-rider group. Written once, on the first start of an empty ledger; switch off with <c>DemoData:Enabled=false</c>.
/// </summary>
internal sealed class DemoData(RegionService regions, LedgerService ledger, CoverageService coverage)
{
    public const string Actor = "demo-data";

    private static readonly (string Code, string Name)[] Regions =
    [
        ("350583001", "溪美街道"), ("350583001001", "溪美社区"),
        ("350583102", "仑苍镇"), ("350583102201", "仑苍村"),
        ("350583118", "霞美镇"), ("350583118201", "霞美村"),
        ("350583120", "水头镇"), ("350583120201", "水头村"),
    ];

    public async Task SeedAsync(string rootCode, CancellationToken cancellationToken)
    {
        if (rootCode != "350583") return;
        var existing = await ledger.QueryOrganizationsAsync(new LedgerQuery(RegionCode.Parse(rootCode)), cancellationToken);
        if (existing.Total > 0) return;
        foreach (var (code, name) in Regions)
            if ((await regions.ListAsync(new Accounts.Caller(Guid.Empty, Actor, [Accounts.Roles.Admin], null, ""), code, cancellationToken)).Count == 0)
                await regions.CreateAsync(new NewRegion(code, name), cancellationToken);

        var campaign = await ledger.OpenCampaignAsync(new NewSurveyCampaign("2026年“三新”领域妇联组织摸排", rootCode), Actor, cancellationToken);
        var serial = 0;
        foreach (var facts in Organizations())
        {
            var code = facts.CreditCode is null ? null : Code(++serial);
            await ledger.CreateOrganizationAsync(facts with { CreditCode = code }, campaign.Id, Actor, cancellationToken);
        }
        // Seed 004: 34 industry federations and 10 micro-homes in three years; the demo plans the next year's share.
        await coverage.SetTargetAsync(RegionCode.Parse(rootCode), 2026, 40, 12, Actor, cancellationToken);
    }

    /// <summary>Demo credit codes: well-formed, with a correct check character, in a serial range no real register uses.</summary>
    private static string Code(int serial)
    {
        var first17 = $"91350583MA2DEM{serial:D3}";
        return first17 + CreditCode.ComputeCheckCharacter(first17);
    }

    private static IEnumerable<OrganizationFacts> Organizations()
    {
        const string has = "has-code";
        OrganizationFacts Unit(string name, OrganizationKind kind, string region, string industry, int staff, int women, PartyOrganizationStatus party,
            string? site = null, string? owner = null, Sector sector = Sector.NewEconomic, bool women_org = false) =>
            new(name, OrganizationRules.RequiresCreditCode(kind) ? has : null, sector, kind, region, industry, "福建省泉州市南安市", staff, women, party,
                party == PartyOrganizationStatus.None ? null : name + "党支部", OperatingStatus.Operating, owner, site, women_org);

        const string xiamei = "350583118201", shuitou = "350583120201", luncang = "350583102201", ximei = "350583001001";
        yield return Unit("霞美电子光伏产业基地", OrganizationKind.IndustrialBase, xiamei, "电子光伏", 3200, 1100, PartyOrganizationStatus.Joint);
        yield return Unit("霞美机械制造装备基地", OrganizationKind.IndustrialBase, xiamei, "机械装备", 2800, 620, PartyOrganizationStatus.Joint);
        foreach (var (name, women, party) in new[] { ("福建晶耀光伏科技有限公司", 260, PartyOrganizationStatus.Own), ("南安市光辉光电有限公司", 140, PartyOrganizationStatus.Own),
                     ("福建霞光新能源有限公司", 45, PartyOrganizationStatus.None), ("南安市芯源电子有限公司", 88, PartyOrganizationStatus.Joint) })
            yield return Unit(name, OrganizationKind.Enterprise, xiamei, "电子光伏", women * 3, women, party, site: "霞美电子光伏产业基地");
        foreach (var (name, women, party) in new[] { ("福建南方路面机械股份有限公司", 180, PartyOrganizationStatus.Own), ("南安市精工装备制造有限公司", 62, PartyOrganizationStatus.Own),
                     ("福建恒力重工机械有限公司", 30, PartyOrganizationStatus.None) })
            yield return Unit(name, OrganizationKind.Enterprise, xiamei, "机械装备", women * 4, women, party, site: "霞美机械制造装备基地");
        foreach (var (name, kind, women) in new[] { ("福建省弘一石业有限公司", OrganizationKind.Enterprise, 210), ("弘一石材加工厂", OrganizationKind.Enterprise, 95),
                     ("弘一石材贸易有限公司", OrganizationKind.Enterprise, 40), ("弘一大板市场", OrganizationKind.Market, 120), ("弘一机械城", OrganizationKind.Market, 35),
                     ("弘一荒料交易中心", OrganizationKind.Market, 18) })
            yield return Unit(name, kind, shuitou, "石材", women * 3, women, PartyOrganizationStatus.Own, owner: "弘一集团");
        yield return Unit("中国水暖城", OrganizationKind.Market, luncang, "水暖厨卫", 6000, 2300, PartyOrganizationStatus.Joint);
        foreach (var (name, women) in new[] { ("福建申鹭达卫浴有限公司", 320), ("南安市九牧洁具有限公司", 540), ("福建省中宇阀门有限公司", 75), ("南安市恒洁水暖有限公司", 22) })
            yield return Unit(name, OrganizationKind.Enterprise, luncang, "水暖厨卫", women * 3, women, women > 50 ? PartyOrganizationStatus.Own : PartyOrganizationStatus.None, site: "中国水暖城");
        yield return Unit("南安万达广场商圈", OrganizationKind.BusinessDistrict, ximei, "商贸", 2600, 1500, PartyOrganizationStatus.Joint);
        yield return Unit("南安金融大厦", OrganizationKind.Building, ximei, "商务楼宇", 900, 430, PartyOrganizationStatus.Joint);
        yield return Unit("南安市外卖骑手群体", OrganizationKind.WorkerGroup, ximei, "即时配送", 1200, 110, PartyOrganizationStatus.Joint, sector: Sector.NewEmployment);
        yield return Unit("南安市快递从业人员群体", OrganizationKind.WorkerGroup, ximei, "快递物流", 800, 160, PartyOrganizationStatus.Joint, sector: Sector.NewEmployment);
        yield return Unit("南安市女企业家协会", OrganizationKind.SocialOrganization, ximei, "社会团体", 60, 58, PartyOrganizationStatus.Own, sector: Sector.NewSocial, women_org: true);
        yield return Unit("福建省工程机械行业协会", OrganizationKind.IndustryAssociation, xiamei, "行业协会", 14, 5, PartyOrganizationStatus.None, sector: Sector.NewSocial);
        yield return Unit("南安市水暖厨卫行业协会", OrganizationKind.IndustryAssociation, luncang, "行业协会", 20, 9, PartyOrganizationStatus.Own, sector: Sector.NewSocial);
        yield return Unit("南安市石材商会", OrganizationKind.Chamber, shuitou, "商会", 25, 8, PartyOrganizationStatus.Own, sector: Sector.NewSocial);
    }
}
