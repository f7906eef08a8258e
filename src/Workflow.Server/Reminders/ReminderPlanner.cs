using System.Text.Json;
using Workflow.Federation;
using Workflow.Federation.Reminders;
using Microsoft.EntityFrameworkCore;
using Workflow.Persistence.Storage;
using Workflow.Server.Calendar;
using Workflow.Server.Problems;
using Workflow.Server.Storage;

namespace Workflow.Server.Reminders;

/// <summary>
/// The one entry point for planning reminders and calendar entries. Planning is idempotent by key: planning the same
/// key again updates a reminder still to come and leaves a delivered or dropped one alone, so a caller can simply plan
/// its whole schedule again after any change. <see cref="CancelAsync"/> drops what is still to come under a key prefix
/// (e.g. when the leadership changes), after which the new schedule is planned.
/// </summary>
public sealed class ReminderPlanner(IDbContextFactory<ServiceDbContext> contexts, WriteGate gate, ReminderScheduler scheduler, TimeProvider clock) : IReminderPlanning
{
    private const int Chunk = 500;

    public async Task<PlanResult> PlanAsync(ReminderPlan plan, CancellationToken cancellationToken = default)
    {
        var reminders = await PlanAsync(plan.Reminders, cancellationToken);
        var events = await PlanEventsAsync(plan.Events, cancellationToken);
        return reminders with { Events = events };
    }

    /// <summary>Upserts reminders by key; a reminder already due is delivered at once (marked late when it is past the late threshold).</summary>
    /// <exception cref="RefusalException">Invalid when a key, audience or text is missing or a key is planned twice in one call.</exception>
    public async Task<PlanResult> PlanAsync(IEnumerable<PlannedReminder> reminders, CancellationToken cancellationToken = default)
    {
        var list = reminders.ToList();
        Validate(list);
        var (added, updated, unchanged) = (0, 0, 0);
        var toSchedule = new List<DateTimeOffset>();
        foreach (var chunk in list.Chunk(Chunk))
        {
            await InTransactionAsync(async (db, now) =>
            {
                var keys = chunk.Select(r => r.Key).ToList();
                var existing = await db.Reminders.Where(r => keys.Contains(r.Key)).ToDictionaryAsync(r => r.Key, cancellationToken);
                foreach (var planned in chunk)
                {
                    var audience = Recipients.Write(planned.To);
                    if (!existing.TryGetValue(planned.Key, out var row))
                    {
                        db.Reminders.Add(new ReminderRow
                        {
                            Key = planned.Key, Kind = planned.Kind, DueAt = planned.DueAt.ToUniversalTime(), Audience = audience,
                            SubjectZh = planned.Subject.Zh, SubjectEn = planned.Subject.En, BodyZh = planned.Body.Zh, BodyEn = planned.Body.En,
                            Link = planned.Link, Urgent = planned.Urgent, Status = ReminderStatus.Scheduled, PlannedAt = now,
                        });
                        toSchedule.Add(planned.DueAt);
                        added++;
                    }
                    else if (row.Status is ReminderStatus.Delivered or ReminderStatus.Dropped || Same(row, planned, audience))
                    {
                        unchanged++;
                    }
                    else
                    {
                        (row.Kind, row.DueAt, row.Audience, row.Link, row.Urgent) = (planned.Kind, planned.DueAt.ToUniversalTime(), audience, planned.Link, planned.Urgent);
                        (row.SubjectZh, row.SubjectEn, row.BodyZh, row.BodyEn) = (planned.Subject.Zh, planned.Subject.En, planned.Body.Zh, planned.Body.En);
                        (row.Status, row.PlannedAt, row.ProcessedAt) = (ReminderStatus.Scheduled, now, null);
                        toSchedule.Add(planned.DueAt);
                        updated++;
                    }
                }
            }, cancellationToken);
        }
        // After the commit, so that the sweep a job starts sees the rows.
        scheduler.Schedule(toSchedule);
        return new PlanResult(added, updated, unchanged, 0);
    }

    /// <summary>Upserts calendar entries by key; the people listed replace those an earlier plan gave the key.</summary>
    public async Task<int> PlanEventsAsync(IEnumerable<PlannedCalendarEvent> events, CancellationToken cancellationToken = default)
    {
        var list = events.ToList();
        var problems = list.Select(e => (e.Key, Problem: ReminderKeys.Problem(e.Key)
                ?? (e.End < e.Start ? "the end is before the start" : e.Summary.Zh.Length == 0 ? "a summary is required" : null)))
            .Where(p => p.Problem is not null).Select(p => ("events", $"{p.Key}: {p.Problem}")).ToList();
        if (list.GroupBy(e => e.Key).FirstOrDefault(g => g.Count() > 1) is { } twice) problems.Add(("events", $"{twice.Key}: planned twice in one call"));
        if (problems.Count > 0) throw Refusal.Validation([.. problems]);

        foreach (var chunk in list.Chunk(Chunk))
        {
            await InTransactionAsync(async (db, now) =>
            {
                var keys = chunk.Select(e => e.Key).ToList();
                var existing = (await db.CalendarEvents.Where(e => keys.Contains(e.Key)).ToListAsync(cancellationToken)).ToLookup(e => e.Key);
                foreach (var planned in chunk)
                {
                    var people = planned.UserIds.Distinct().ToList();
                    db.CalendarEvents.RemoveRange(existing[planned.Key].Where(e => !people.Contains(e.UserId)));
                    foreach (var userId in people)
                    {
                        var row = existing[planned.Key].FirstOrDefault(e => e.UserId == userId);
                        if (row is null)
                        {
                            row = new CalendarEventRow
                            {
                                Key = planned.Key, UserId = userId, Start = planned.Start, End = planned.End, SummaryZh = planned.Summary.Zh,
                                SummaryEn = planned.Summary.En, UpdatedAt = now,
                            };
                            db.CalendarEvents.Add(row);
                        }
                        (row.Start, row.End, row.AllDay, row.Location) = (planned.Start.ToUniversalTime(), planned.End.ToUniversalTime(), planned.AllDay, planned.Location);
                        (row.SummaryZh, row.SummaryEn, row.UpdatedAt) = (planned.Summary.Zh, planned.Summary.En, now);
                    }
                }
            }, cancellationToken);
        }
        return list.Count;
    }

    /// <summary>
    /// Drops the reminders under <paramref name="keyPrefix"/> not yet delivered and the calendar entries not yet begun.
    /// Delivered reminders and past entries stay as the record of what happened.
    /// </summary>
    public async Task<CancelResult> CancelAsync(string keyPrefix, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(keyPrefix) || keyPrefix.Length < 3)
            throw Refusal.Validation(("keyPrefix", "a prefix names a subject, e.g. rotation:{bodyId}:"));
        using (await gate.EnterAsync(cancellationToken))
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var now = clock.GetUtcNow();
            var reminders = await db.Reminders.Where(r => r.Key.StartsWith(keyPrefix) && r.Status == ReminderStatus.Scheduled)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, ReminderStatus.Cancelled).SetProperty(r => r.ProcessedAt, now), cancellationToken);
            var events = await db.CalendarEvents.Where(e => e.Key.StartsWith(keyPrefix) && e.Start >= now).ExecuteDeleteAsync(cancellationToken);
            return new CancelResult(reminders, events);
        }
    }

    public async Task<IReadOnlyList<ReminderProgress>> ReadAsync(string keyPrefix, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(keyPrefix) || keyPrefix.Length < 3)
            throw Refusal.Validation(("keyPrefix", "a prefix names a subject, e.g. rotation:{bodyId}:"));
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var reminders = await db.Reminders.AsNoTracking().Where(r => r.Key.StartsWith(keyPrefix)).ToListAsync(cancellationToken);
        var deliveries = (await db.Deliveries.AsNoTracking().Where(d => d.Key.StartsWith(keyPrefix))
                .Select(d => new { d.Key, d.Channel, d.State, d.RecipientId, d.SentAt }).ToListAsync(cancellationToken))
            .ToLookup(d => d.Key, d => new ReminderDelivery(JsonNamingPolicy.CamelCase.ConvertName(d.Channel.ToString()),
                JsonNamingPolicy.CamelCase.ConvertName(d.State.ToString()), d.RecipientId, d.SentAt));
        return [.. reminders.OrderBy(r => r.DueAt).ThenBy(r => r.Key, StringComparer.Ordinal).Select(r =>
            new ReminderProgress(r.Key, r.Kind, r.DueAt, Stage(r.Status), r.Late, [.. deliveries[r.Key]]))];
    }

    private static ReminderStage Stage(ReminderStatus status) => status switch
    {
        ReminderStatus.Scheduled => ReminderStage.Scheduled,
        ReminderStatus.Delivered => ReminderStage.Delivered,
        ReminderStatus.Dropped => ReminderStage.Dropped,
        _ => ReminderStage.Cancelled,
    };

    /// <summary>One chunk in one write transaction, queued behind the other writers of this process.</summary>
    private async Task InTransactionAsync(Func<ServiceDbContext, DateTimeOffset, Task> work, CancellationToken cancellationToken)
    {
        using (await gate.EnterAsync(cancellationToken))
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await work(db, clock.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
    }

    private static bool Same(ReminderRow row, PlannedReminder planned, string audience) =>
        row.Status == ReminderStatus.Scheduled && row.Kind == planned.Kind && row.DueAt == planned.DueAt && row.Audience == audience
        && row.SubjectZh == planned.Subject.Zh && row.SubjectEn == planned.Subject.En && row.BodyZh == planned.Body.Zh && row.BodyEn == planned.Body.En
        && row.Link == planned.Link && row.Urgent == planned.Urgent;

    private static void Validate(List<PlannedReminder> reminders)
    {
        var problems = new List<(string, string)>();
        foreach (var r in reminders)
        {
            var problem = ReminderKeys.Problem(r.Key)
                ?? (r.To.IsEmpty ? "nobody to remind" : null)
                ?? (string.IsNullOrWhiteSpace(r.Subject.Zh) || string.IsNullOrWhiteSpace(r.Subject.En) ? "a subject in Chinese and English is required" : null);
            if (problem is not null) problems.Add(("reminders", $"{r.Key}: {problem}"));
        }
        if (reminders.GroupBy(r => r.Key).FirstOrDefault(g => g.Count() > 1) is { } twice) problems.Add(("reminders", $"{twice.Key}: planned twice in one call"));
        if (problems.Count > 0) throw Refusal.Validation([.. problems.Take(20)]);
    }
}
