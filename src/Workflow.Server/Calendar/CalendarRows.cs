using Microsoft.EntityFrameworkCore;
using Workflow.Server.Reminders;
using Workflow.Federation.Reminders;

namespace Workflow.Server.Calendar;

/// <summary>One entry of one person's calendar feed; the planner writes them beside the reminders they belong to.</summary>
public sealed class CalendarEventRow
{
    public required string Key { get; init; }
    public required Guid UserId { get; init; }
    public required DateTimeOffset Start { get; set; }
    public required DateTimeOffset End { get; set; }
    public bool AllDay { get; set; }
    public required string SummaryZh { get; set; }
    public required string SummaryEn { get; set; }
    public string? Location { get; set; }
    public required DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>A person's feed token, stored as its SHA-256 so a copied database does not open anyone's calendar.</summary>
public sealed class CalendarTokenRow
{
    public required Guid UserId { get; init; }
    public required string TokenHash { get; set; }
    public required DateTimeOffset CreatedAt { get; set; }
}

internal static class CalendarModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<CalendarEventRow>(e =>
        {
            e.ToTable("calendar_events");
            e.HasKey(x => new { x.Key, x.UserId });
            e.Property(x => x.Key).HasMaxLength(ReminderKeys.MaxLength);
            e.HasIndex(x => new { x.UserId, x.Start });
        });
        modelBuilder.Entity<CalendarTokenRow>(e =>
        {
            e.ToTable("calendar_tokens");
            e.HasKey(x => x.UserId);
            e.HasIndex(x => x.TokenHash).IsUnique();
        });
    }
}
