using Workflow.Federation.Common;

namespace Workflow.Federation.Ledger;

/// <summary>The "三新" fields: new economic organizations, new social organizations, new employment groups.</summary>
public enum Sector
{
    [Label("新经济组织", "New economic organization", "新经济", "新经济领域")]
    NewEconomic,
    [Label("新社会组织", "New social organization", "新社会", "新社会领域")]
    NewSocial,
    [Label("新就业群体", "New employment group", "新就业", "新业态", "新业态新就业群体")]
    NewEmployment,
}
