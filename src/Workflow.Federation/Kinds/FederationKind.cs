namespace Workflow.Federation.Kinds;

/// <summary>
/// The kind of a federation body. The new-field kinds are the ones DESIGN.md names
/// (企业/楼宇/商圈/园区/行业/商会(协会)/网上/联合/产业基地 妇联); village/community and township
/// bodies are here because their committee sizes are the reference the others are measured by (seed 003).
/// </summary>
public enum FederationKind
{
    Enterprise,
    Building,
    BusinessDistrict,
    Park,
    Industry,
    ChamberOrAssociation,
    Online,

    /// <summary>联合妇联: one body for several units. Not the same thing as the joint founding mode (联建), which says how a body came about.</summary>
    Joint,

    /// <summary>产业基地妇联, e.g. seed 004's 霞美片区产业基地妇联.</summary>
    IndustrialBase,
    VillageOrCommunity,
    Township,

    /// <summary>Delivery riders, couriers and other new-employment groups (新就业群体).</summary>
    NewEmploymentGroup,
    SocialOrganization,

    /// <summary>妇女微家: hosted on a platform or association for units with few women (seed 004); it has a head, not an elected committee.</summary>
    MicroHome,
}

public static class FederationKindNames
{
    public static string ChineseName(this FederationKind kind) => kind switch
    {
        FederationKind.Enterprise => "企业妇联",
        FederationKind.Building => "楼宇妇联",
        FederationKind.BusinessDistrict => "商圈妇联",
        FederationKind.Park => "园区妇联",
        FederationKind.Industry => "行业妇联",
        FederationKind.ChamberOrAssociation => "商会(协会)妇联",
        FederationKind.Online => "网上妇联",
        FederationKind.Joint => "联合妇联",
        FederationKind.IndustrialBase => "产业基地妇联",
        FederationKind.VillageOrCommunity => "村(社区)妇联",
        FederationKind.Township => "乡镇(街道)妇联",
        FederationKind.NewEmploymentGroup => "新就业群体妇联",
        FederationKind.SocialOrganization => "社会组织妇联",
        FederationKind.MicroHome => "妇女微家",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static string EnglishName(this FederationKind kind) => kind switch
    {
        FederationKind.Enterprise => "enterprise federation",
        FederationKind.Building => "building federation",
        FederationKind.BusinessDistrict => "business-district federation",
        FederationKind.Park => "park federation",
        FederationKind.Industry => "industry federation",
        FederationKind.ChamberOrAssociation => "chamber (association) federation",
        FederationKind.Online => "online federation",
        FederationKind.Joint => "joint federation",
        FederationKind.IndustrialBase => "industrial-base federation",
        FederationKind.VillageOrCommunity => "village (community) federation",
        FederationKind.Township => "township (street) federation",
        FederationKind.NewEmploymentGroup => "new-employment group federation",
        FederationKind.SocialOrganization => "social-organization federation",
        FederationKind.MicroHome => "women's micro-home",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
