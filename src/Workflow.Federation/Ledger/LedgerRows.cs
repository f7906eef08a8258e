namespace Workflow.Federation.Ledger;

/// <summary>The columns an organization row and a survey record share: one place, so the two cannot drift apart.</summary>
public abstract class OrganizationColumns
{
    public string Name { get; set; } = "";
    public string? CreditCode { get; set; }
    public Sector Sector { get; set; }
    public OrganizationKind Kind { get; set; }
    public string RegionCode { get; set; } = "";
    public string? Industry { get; set; }
    public string? Address { get; set; }
    public int StaffCount { get; set; }
    public int WomenCount { get; set; }
    public PartyOrganizationStatus PartyOrganization { get; set; }
    public string? PartyOrganizationName { get; set; }
    public OperatingStatus OperatingStatus { get; set; }
    public string? OwnerGroup { get; set; }
    public string? Site { get; set; }
    public bool IsWomensOrganization { get; set; }

    public bool HasPartyOrganization => PartyOrganization != PartyOrganizationStatus.None;

    public OrganizationFacts ToFacts() => new(Name, CreditCode, Sector, Kind, RegionCode, Industry, Address, StaffCount, WomenCount,
        PartyOrganization, PartyOrganizationName, OperatingStatus, OwnerGroup, Site, IsWomensOrganization);

    public void Assign(OrganizationFacts facts)
    {
        Name = facts.Name;
        CreditCode = facts.CreditCode;
        Sector = facts.Sector;
        Kind = facts.Kind;
        RegionCode = facts.RegionCode;
        Industry = facts.Industry;
        Address = facts.Address;
        StaffCount = facts.StaffCount;
        WomenCount = facts.WomenCount;
        PartyOrganization = facts.PartyOrganization;
        PartyOrganizationName = facts.PartyOrganizationName;
        OperatingStatus = facts.OperatingStatus;
        OwnerGroup = facts.OwnerGroup;
        Site = facts.Site;
        IsWomensOrganization = facts.IsWomensOrganization;
    }
}

/// <summary>An organization in the ledger (台账) with its latest facts.</summary>
public sealed class OrganizationRow : OrganizationColumns
{
    public required Guid Id { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required string CreatedBy { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string UpdatedBy { get; set; } = "";
    public Guid? LastCampaignId { get; set; }
    /// <summary>Optimistic concurrency token: every change bumps it.</summary>
    public int Revision { get; set; }
}

/// <summary>
/// One survey of one organization: what was recorded, in which campaign (none for a correction between
/// campaigns), by whom, when (UTC) and from where (typed in, or the imported file). Append-only.
/// </summary>
public sealed class SurveyRecordRow : OrganizationColumns
{
    public long Id { get; init; }
    public required Guid OrganizationId { get; init; }
    public Guid? CampaignId { get; init; }
    public required DateTimeOffset RecordedAt { get; init; }
    public required string RecordedBy { get; init; }
    public required string Source { get; init; }
}

public enum CampaignStatus
{
    Open,
    Closed,
}

/// <summary>A survey campaign (摸排批次) over a region and everything below it.</summary>
public sealed class SurveyCampaignRow
{
    public required Guid Id { get; init; }
    public required string Name { get; set; }
    public required string RegionCode { get; init; }
    public DateOnly? StartsOn { get; set; }
    public DateOnly? EndsOn { get; set; }
    public CampaignStatus Status { get; set; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required string CreatedBy { get; init; }
    public DateTimeOffset? ClosedAt { get; set; }
    public string? ClosedBy { get; set; }

    /// <summary>The column mapping of the campaign's last import (JSON), offered again for the next file.</summary>
    public string? ColumnMapping { get; set; }
}
