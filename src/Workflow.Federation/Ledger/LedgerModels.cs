using Workflow.Federation.Common;
using Workflow.Federation.Regions;

namespace Workflow.Federation.Ledger;

/// <summary>An organization as the ledger shows it; <see cref="Revision"/> goes back with an update to detect lost changes.</summary>
public sealed record Organization(
    Guid Id,
    OrganizationFacts Facts,
    bool IsKeyUnit,
    int Revision,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    DateTimeOffset UpdatedAt,
    string UpdatedBy,
    Guid? LastCampaignId);

public sealed record NewSurveyCampaign([Present] string Name, [Present] string RegionCode, DateOnly? StartsOn = null, DateOnly? EndsOn = null);

public sealed record SurveyCampaign(
    Guid Id,
    string Name,
    string RegionCode,
    DateOnly? StartsOn,
    DateOnly? EndsOn,
    CampaignStatus Status,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    DateTimeOffset? ClosedAt,
    string? ClosedBy)
{
    internal static SurveyCampaign From(SurveyCampaignRow row) => new(row.Id, row.Name, row.RegionCode, row.StartsOn, row.EndsOn,
        row.Status, row.CreatedAt, row.CreatedBy, row.ClosedAt, row.ClosedBy);
}

/// <summary>
/// A page of the ledger: the region and everything below it, optionally one sector, one kind, key units only (or
/// none), and a text found in the name (or an exact credit code).
/// </summary>
public sealed record LedgerQuery(
    RegionCode Within,
    Sector? Sector = null,
    OrganizationKind? Kind = null,
    bool? KeyUnit = null,
    string? Text = null,
    Paging? Paging = null);

/// <summary>One field that differs from the survey before.</summary>
public sealed record FieldChange(string Field, CodedMessage Label, string? Before, string? After);

/// <summary>One survey of an organization in its history, with what changed since the one before (all fields for the first).</summary>
public sealed record SurveyRecord(
    long Id,
    Guid? CampaignId,
    string? CampaignName,
    DateTimeOffset RecordedAt,
    string RecordedBy,
    string Source,
    OrganizationFacts Facts,
    IReadOnlyList<FieldChange> Changes);
