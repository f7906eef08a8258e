using Workflow.Federation.Common;

namespace Workflow.Federation.Ledger;

/// <summary>What a ledger row is: a unit, or a place that gathers units (building, business district, park, base).</summary>
public enum OrganizationKind
{
    [Label("企业", "Enterprise", "公司", "非公企业", "民营企业")]
    Enterprise,
    [Label("楼宇", "Building", "商务楼宇")]
    Building,
    [Label("商圈", "Business district", "街区")]
    BusinessDistrict,
    [Label("园区", "Park", "开发区", "产业园区", "工业园区")]
    Park,
    [Label("产业基地", "Industrial base", "生产基地", "基地")]
    IndustrialBase,
    /// <summary>专业市场 (seed 004 names production bases and specialised markets together).</summary>
    [Label("专业市场", "Specialised market", "市场")]
    Market,
    [Label("行业协会", "Industry association", "协会")]
    IndustryAssociation,
    [Label("商会", "Chamber of commerce")]
    Chamber,
    [Label("平台", "Platform", "网络平台", "互联网平台", "服务平台")]
    Platform,
    [Label("社会组织", "Social organization", "社会团体", "民办非企业单位", "社会服务机构", "基金会")]
    SocialOrganization,
    /// <summary>A group without an employer of record: delivery riders, ride-hailing drivers, live streamers.</summary>
    [Label("新就业群体", "New employment group", "群体", "骑手群体", "司机群体")]
    WorkerGroup,
    [Label("其他", "Other")]
    Other,
}

public enum PartyOrganizationStatus
{
    [Label("无", "None", "未建立", "未建", "没有", "否", "N", "no")]
    None,
    /// <summary>The unit has its own party organization (单独组建).</summary>
    // "是" and "有" of a yes/no column read as a party organization of the unit’s own, the common case.
    [Label("单独组建", "Own", "单建", "独立组建", "已建立", "已建", "有", "是", "Y", "yes")]
    Own,
    /// <summary>The unit is covered by a joint party organization with other units (联合组建).</summary>
    [Label("联合组建", "Joint", "联建", "联合")]
    Joint,
}

public enum OperatingStatus
{
    [Label("在营", "Operating", "存续", "正常", "正常经营", "开业", "在业")]
    Operating,
    [Label("停业", "Suspended", "歇业", "暂停营业")]
    Suspended,
    [Label("注销", "Closed", "吊销", "关闭", "已注销", "撤销")]
    Closed,
}
