using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Workflow.Federation.FollowUps;

/// <summary>
/// A workflow instance started for a schedule (a rotation handover, a re-election request, a meeting record), under a key
/// that says what it is for: the primary key keeps a retry, a restart or a second node from starting it twice.
/// </summary>
public sealed class FollowUpRow
{
    public required Guid SubjectId { get; init; }
    public required string Key { get; init; }
    public required Guid InstanceId { get; set; }
    public required DateTimeOffset CreatedAt { get; init; }
}

internal sealed class FollowUpMapping : IEntityTypeConfiguration<FollowUpRow>
{
    public void Configure(EntityTypeBuilder<FollowUpRow> e)
    {
        e.ToTable("follow_ups");
        e.HasKey(x => new { x.SubjectId, x.Key });
        e.HasIndex(x => x.InstanceId);
    }
}
