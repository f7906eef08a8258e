using Microsoft.EntityFrameworkCore;
using Workflow.Federation.Reminders;

namespace Workflow.Server.Reminders;

public enum ReminderStatus
{
    /// <summary>Still to be delivered (or due and waiting for the next sweep).</summary>
    Scheduled,
    Delivered,
    /// <summary>Came due while the service was down and its kind's late policy is to drop.</summary>
    Dropped,
    Cancelled,
}

/// <summary>One reminder occurrence, the source of truth for its Hangfire job: the job only says "look now".</summary>
public sealed class ReminderRow
{
    public required string Key { get; init; }
    public required ReminderKind Kind { get; set; }
    public required DateTimeOffset DueAt { get; set; }
    /// <summary>The <see cref="ReminderAudience"/> as JSON.</summary>
    public required string Audience { get; set; }
    public required string SubjectZh { get; set; }
    public required string SubjectEn { get; set; }
    public required string BodyZh { get; set; }
    public required string BodyEn { get; set; }
    public string? Link { get; set; }
    public ReminderStatus Status { get; set; }
    public bool Late { get; set; }
    /// <summary>Goes out at once on every channel: quiet hours do not hold it and a digest does not fold it.</summary>
    public bool Urgent { get; set; }
    public required DateTimeOffset PlannedAt { get; set; }
    public DateTimeOffset? ProcessedAt { get; set; }
}

internal static class ReminderModel
{
    public static void Configure(ModelBuilder modelBuilder) => modelBuilder.Entity<ReminderRow>(e =>
    {
        e.ToTable("reminders");
        e.HasKey(x => x.Key);
        e.Property(x => x.Key).HasMaxLength(ReminderKeys.MaxLength);
        // The sweep reads "scheduled and due by now", oldest first; start-up reads the due times still to come.
        e.HasIndex(x => new { x.Status, x.DueAt });
    });
}
