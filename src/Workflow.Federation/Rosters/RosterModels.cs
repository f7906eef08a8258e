using Workflow.Federation.Common;
using Workflow.Federation.Regions;

namespace Workflow.Federation.Rosters;

/// <summary>A person as entered on a roster. <paramref name="Honour"/> and <paramref name="Year"/> are required on the exemplar roster only.</summary>
public sealed record RosterEntryInput([Present] string Name, string? Role = null, string? Phone = null, string? Note = null, string? Honour = null, int? Year = null);

public sealed record RosterEntry(
    Guid Id,
    Roster Roster,
    Guid OrganizationId,
    string OrganizationName,
    string RegionCode,
    string Name,
    string? Role,
    string? Phone,
    string? Note,
    string? Honour,
    int? Year,
    int Revision,
    DateTimeOffset UpdatedAt,
    string UpdatedBy);

/// <summary>A page of one roster in a region and below, optionally for one organization or with a text in the person's name.</summary>
public sealed record RosterQuery(Roster Roster, RegionCode Within, Guid? OrganizationId = null, string? Text = null, Paging? Paging = null);
