using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Workflow.Federation.Activities;

/// <summary>What a body did (有效覆盖, issue 14): the kinds the seeds ask of a working body.</summary>
public enum ActivityKind
{
    /// <summary>联席会 held, with minutes (seed 004).</summary>
    JointMeeting,

    /// <summary>执委轮值 activity of one duty group (seed 003).</summary>
    DutyGroupActivity,

    /// <summary>An activity hosted in turn by a member federation (seed 004).</summary>
    HostedActivity,

    /// <summary>爱心妈妈 team formed (seed 001).</summary>
    LoveMotherTeam,

    /// <summary>爱心妈妈 paired with a child (seed 001).</summary>
    LoveMotherPairing,
}

/// <summary>One recorded activity of a body, dated by its China-time day.</summary>
public sealed class BodyActivityRow
{
    public required Guid Id { get; init; }
    public required Guid BodyId { get; init; }
    public required ActivityKind Kind { get; init; }
    public required DateOnly HeldOn { get; init; }
    public required string Summary { get; init; }
    public string? Minutes { get; init; }
    public int? DutyGroup { get; init; }
    public string? Attendees { get; init; }
    public string? HostedBy { get; init; }
    public required DateTimeOffset RecordedAt { get; init; }
    public required string RecordedBy { get; init; }
}

internal sealed class BodyActivityMapping : IEntityTypeConfiguration<BodyActivityRow>
{
    public void Configure(EntityTypeBuilder<BodyActivityRow> e)
    {
        e.ToTable("body_activities");
        e.HasKey(x => x.Id);
        e.HasIndex(x => new { x.BodyId, x.HeldOn });
        e.Property(x => x.Summary).HasMaxLength(500);
        e.Property(x => x.Minutes).HasMaxLength(20000);
        e.Property(x => x.Attendees).HasMaxLength(4000);
        e.Property(x => x.HostedBy).HasMaxLength(200);
    }
}
