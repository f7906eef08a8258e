using Microsoft.EntityFrameworkCore;

namespace Workflow.Server.Bodies;

/// <summary>A body's rotating presidium as planned and adjusted (the federation's <c>RotationPlan</c> as JSON).</summary>
public sealed class BodyRotationRow
{
    public required Guid BodyId { get; init; }
    public required string PlanJson { get; set; }
    public required DateTimeOffset UpdatedAt { get; set; }
    public required string UpdatedBy { get; set; }
    public long Revision { get; set; }
}

/// <summary>A body's executive duty groups and their turns as planned.</summary>
public sealed class BodyDutyGroupsRow
{
    public required Guid BodyId { get; init; }
    public required string GroupsJson { get; set; }
    public required string TurnsJson { get; set; }
    public required DateTimeOffset UpdatedAt { get; set; }
    public required string UpdatedBy { get; set; }
}

internal static class BodyScheduleModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<BodyRotationRow>(e =>
        {
            e.ToTable("body_rotations");
            e.HasKey(x => x.BodyId);
            e.Property(x => x.Revision).IsConcurrencyToken();
        });
        modelBuilder.Entity<BodyDutyGroupsRow>(e =>
        {
            e.ToTable("body_duty_groups");
            e.HasKey(x => x.BodyId);
        });
    }
}
