using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Workflow.Federation.Ledger;

internal sealed class OrganizationMapping : IEntityTypeConfiguration<OrganizationRow>
{
    public void Configure(EntityTypeBuilder<OrganizationRow> e)
    {
        e.ToTable("organizations");
        e.HasKey(x => x.Id);
        e.Property(x => x.Revision).IsConcurrencyToken();
        // One ledger row per registered unit; units without a code (places, groups) are told apart by name and region.
        e.HasIndex(x => x.CreditCode).IsUnique().HasFilter("\"CreditCode\" IS NOT NULL");
        // Region ranges and the coverage roll-up read by region, grouped by sector.
        e.HasIndex(x => new { x.RegionCode, x.Sector });
        e.HasIndex(x => x.OwnerGroup);
        e.HasIndex(x => x.Site);
    }
}

internal sealed class SurveyRecordMapping : IEntityTypeConfiguration<SurveyRecordRow>
{
    public void Configure(EntityTypeBuilder<SurveyRecordRow> e)
    {
        e.ToTable("survey_records");
        e.HasKey(x => x.Id);
        e.HasOne<OrganizationRow>().WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<SurveyCampaignRow>().WithMany().HasForeignKey(x => x.CampaignId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => new { x.OrganizationId, x.Id });
        e.HasIndex(x => x.CampaignId);
    }
}

internal sealed class SurveyCampaignMapping : IEntityTypeConfiguration<SurveyCampaignRow>
{
    public void Configure(EntityTypeBuilder<SurveyCampaignRow> e)
    {
        e.ToTable("survey_campaigns");
        e.HasKey(x => x.Id);
        e.HasIndex(x => x.RegionCode);
    }
}
