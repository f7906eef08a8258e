using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Workflow.Federation.Ledger;

namespace Workflow.Federation.Registry;

internal sealed class FederationBodyMapping : IEntityTypeConfiguration<FederationBodyRow>
{
    public void Configure(EntityTypeBuilder<FederationBodyRow> e)
    {
        e.ToTable("federation_bodies");
        e.HasKey(x => x.Id);
        e.HasMany(x => x.Members).WithOne().HasForeignKey(m => m.BodyId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(x => x.Leaders).WithOne().HasForeignKey(m => m.BodyId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(x => new { x.RegionCode, x.Status });
        e.HasIndex(x => x.RegistrationNumber).IsUnique().HasFilter("\"RegistrationNumber\" IS NOT NULL");
    }
}

internal sealed class FederationBodyMemberMapping : IEntityTypeConfiguration<FederationBodyMemberRow>
{
    public void Configure(EntityTypeBuilder<FederationBodyMemberRow> e)
    {
        e.ToTable("federation_body_members");
        e.HasKey(x => new { x.BodyId, x.OrganizationId });
        e.HasOne<OrganizationRow>().WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => x.OrganizationId);
    }
}

internal sealed class BodyLeaderMapping : IEntityTypeConfiguration<BodyLeaderRow>
{
    public void Configure(EntityTypeBuilder<BodyLeaderRow> e)
    {
        e.ToTable("federation_body_leaders");
        e.HasKey(x => x.Id);
        e.HasIndex(x => new { x.BodyId, x.Order });
    }
}
