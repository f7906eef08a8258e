using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Workflow.Federation.Holidays;

/// <summary>An admin's correction of the shipped calendar: a date made a holiday or a working day, who set it and when.</summary>
public sealed class HolidayOverrideRow
{
    public required DateOnly Date { get; init; }
    public required DayKind Kind { get; set; }
    public required string Name { get; set; }
    public required string SetBy { get; set; }
    public required DateTimeOffset SetAt { get; set; }
}

internal sealed class HolidayOverrideMapping : IEntityTypeConfiguration<HolidayOverrideRow>
{
    public void Configure(EntityTypeBuilder<HolidayOverrideRow> e)
    {
        e.ToTable("holiday_overrides");
        e.HasKey(x => x.Date);
        e.Property(x => x.Name).HasMaxLength(50);
        e.Property(x => x.SetBy).HasMaxLength(100);
    }
}
