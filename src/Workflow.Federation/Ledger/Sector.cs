namespace Workflow.Federation.Ledger;

/// <summary>The "三新" fields: new economic organizations, new social organizations, new employment groups.</summary>
public enum Sector
{
    NewEconomic,
    NewSocial,
    NewEmployment,
}
