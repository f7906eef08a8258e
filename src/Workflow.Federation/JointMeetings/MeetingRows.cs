using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Workflow.Federation.JointMeetings;

/// <summary>A group of bodies that meets every quarter (联席会, seed 004: the federations of one production chain), with its convener and invitees.</summary>
public sealed class MeetingGroupRow
{
    public required Guid Id { get; init; }
    public required string Name { get; set; }
    public required string RegionCode { get; init; }
    public required Guid ConvenerId { get; set; }
    public required string BodyIdsJson { get; set; }
    public required string InviteeIdsJson { get; set; }
    public string? Location { get; set; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required string CreatedBy { get; init; }
}

/// <summary>One quarter's meeting of a group: proposed by the service, possibly moved by the convener.</summary>
public sealed class JointMeetingRow
{
    public required Guid GroupId { get; init; }
    public required int Year { get; init; }
    public required int Quarter { get; init; }
    public required DateTimeOffset StartsAt { get; set; }
    public string? Location { get; set; }
    public string? MovedBecause { get; set; }
}

internal sealed class MeetingGroupMapping : IEntityTypeConfiguration<MeetingGroupRow>
{
    public void Configure(EntityTypeBuilder<MeetingGroupRow> e)
    {
        e.ToTable("meeting_groups");
        e.HasKey(x => x.Id);
        e.HasIndex(x => x.RegionCode);
    }
}

internal sealed class JointMeetingMapping : IEntityTypeConfiguration<JointMeetingRow>
{
    public void Configure(EntityTypeBuilder<JointMeetingRow> e)
    {
        e.ToTable("joint_meetings");
        e.HasKey(x => new { x.GroupId, x.Year, x.Quarter });
    }
}
