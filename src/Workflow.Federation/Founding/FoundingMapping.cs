using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Workflow.Federation.Founding;

internal sealed class FoundingRequestMapping : IEntityTypeConfiguration<FoundingRequestRow>
{
    public void Configure(EntityTypeBuilder<FoundingRequestRow> e)
    {
        e.ToTable("founding_requests");
        e.HasKey(x => x.Id);
        e.HasIndex(x => x.InstanceId);
        e.HasIndex(x => x.RegionCode);
        e.Ignore(x => x.IsMicroHome);
        e.HasMany(x => x.Members).WithOne().HasForeignKey(m => m.RequestId);
    }
}

internal sealed class FoundingMemberMapping : IEntityTypeConfiguration<FoundingMemberRow>
{
    public void Configure(EntityTypeBuilder<FoundingMemberRow> e)
    {
        e.ToTable("founding_members");
        e.HasKey(x => new { x.RequestId, x.OrganizationId });
        e.HasIndex(x => x.OrganizationId);
    }
}

internal sealed class ElectionAttemptMapping : IEntityTypeConfiguration<ElectionAttemptRow>
{
    public void Configure(EntityTypeBuilder<ElectionAttemptRow> e)
    {
        e.ToTable("election_attempts");
        e.HasKey(x => x.Id);
        e.HasIndex(x => new { x.RequestId, x.Stage, x.Number }).IsUnique();
    }
}
