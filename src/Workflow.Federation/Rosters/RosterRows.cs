using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Workflow.Federation.Common;
using Workflow.Federation.Ledger;

namespace Workflow.Federation.Rosters;

/// <summary>The two rosters of "两库两册" (seed 003): 女性花名册 and 优秀典型花名册.</summary>
public enum Roster
{
    [Label("妇女名册", "Women roster", "女性花名册", "女性人才库")]
    Women,
    [Label("先进典型名册", "Exemplar roster", "优秀典型花名册")]
    Exemplars,
}

/// <summary>A person on a roster, linked to the organization she works in. Honour and year are the exemplar roster's.</summary>
public sealed class RosterEntryRow
{
    public required Guid Id { get; init; }
    public required Roster Roster { get; init; }
    public required Guid OrganizationId { get; init; }
    public required string Name { get; set; }
    public string? Role { get; set; }
    public string? Phone { get; set; }
    public string? Note { get; set; }
    public string? Honour { get; set; }
    public int? Year { get; set; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required string CreatedBy { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string UpdatedBy { get; set; } = "";
    public int Revision { get; set; }
}

internal sealed class RosterEntryMapping : IEntityTypeConfiguration<RosterEntryRow>
{
    public void Configure(EntityTypeBuilder<RosterEntryRow> e)
    {
        e.ToTable("roster_entries");
        e.HasKey(x => x.Id);
        e.Property(x => x.Revision).IsConcurrencyToken();
        e.HasOne<OrganizationRow>().WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => new { x.OrganizationId, x.Roster });
    }
}
