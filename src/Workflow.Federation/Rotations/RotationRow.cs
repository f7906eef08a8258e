using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Workflow.Federation.Rotations;

/// <summary>A body's rotating presidium as planned and adjusted (its <c>RotationPlan</c> as JSON).</summary>
public sealed class BodyRotationRow
{
    public required Guid BodyId { get; init; }
    public required string PlanJson { get; set; }
    public required DateTimeOffset UpdatedAt { get; set; }
    public required string UpdatedBy { get; set; }
    public long Revision { get; set; }
}

internal sealed class BodyRotationMapping : IEntityTypeConfiguration<BodyRotationRow>
{
    public void Configure(EntityTypeBuilder<BodyRotationRow> e)
    {
        e.ToTable("body_rotations");
        e.HasKey(x => x.BodyId);
        e.Property(x => x.Revision).IsConcurrencyToken();
    }
}
