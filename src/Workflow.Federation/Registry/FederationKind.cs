using Workflow.Federation.Common;

namespace Workflow.Federation.Registry;

/// <summary>What kind of body a federation is (企业/楼宇/商圈/园区/行业/商会(协会)/网上/联合/产业基地 妇联, and the micro-home).</summary>
public enum FederationKind
{
    [Label("企业妇联", "Enterprise federation")]
    Enterprise,
    [Label("楼宇妇联", "Building federation")]
    Building,
    [Label("商圈妇联", "Business district federation")]
    BusinessDistrict,
    [Label("园区妇联", "Park federation")]
    Park,
    [Label("产业基地妇联", "Industrial base federation", "基地妇联")]
    IndustrialBase,
    [Label("行业妇联", "Industry federation")]
    Industry,
    [Label("商会（协会）妇联", "Chamber or association federation", "商会妇联", "协会妇联")]
    Chamber,
    [Label("社会组织妇联", "Social organization federation")]
    SocialOrganization,
    [Label("网上妇联", "Online federation")]
    Online,
    [Label("联合妇联", "Joint federation")]
    Joint,
    /// <summary>妇女微家: not a federation with an elected committee but a home with a head (微家长), hosted by a platform or association.</summary>
    [Label("妇女微家", "Women's micro-home", "微家")]
    MicroHome,
}

public enum FederationBodyStatus
{
    [Label("筹建中", "Preparing")]
    Preparing,
    [Label("已成立", "Founded")]
    Founded,
    [Label("已撤销", "Dissolved")]
    Dissolved,
}
