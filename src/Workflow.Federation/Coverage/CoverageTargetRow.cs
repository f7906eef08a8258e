using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Workflow.Federation.Coverage;

/// <summary>
/// A region's plan for a year, counted cumulatively to the year's end: e.g. Liaocheng's 1,000 "三新" federation
/// bodies and 100 women's micro-homes by 2026 (seed 003).
/// </summary>
public sealed class CoverageTargetRow
{
    public required string RegionCode { get; init; }
    public required int Year { get; init; }
    public int Bodies { get; set; }
    public int MicroHomes { get; set; }
    public DateTimeOffset SetAt { get; set; }
    public string SetBy { get; set; } = "";
}

internal sealed class CoverageTargetMapping : IEntityTypeConfiguration<CoverageTargetRow>
{
    public void Configure(EntityTypeBuilder<CoverageTargetRow> e)
    {
        e.ToTable("coverage_targets");
        e.HasKey(x => new { x.RegionCode, x.Year });
    }
}
