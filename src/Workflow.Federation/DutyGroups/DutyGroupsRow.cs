using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Workflow.Federation.DutyGroups;

/// <summary>A body's executive duty groups and their turns as planned.</summary>
public sealed class BodyDutyGroupsRow
{
    public required Guid BodyId { get; init; }
    public required string GroupsJson { get; set; }
    public required string TurnsJson { get; set; }
    public required DateTimeOffset UpdatedAt { get; set; }
    public required string UpdatedBy { get; set; }
}

internal sealed class BodyDutyGroupsMapping : IEntityTypeConfiguration<BodyDutyGroupsRow>
{
    public void Configure(EntityTypeBuilder<BodyDutyGroupsRow> e)
    {
        e.ToTable("body_duty_groups");
        e.HasKey(x => x.BodyId);
    }
}
