using Microsoft.EntityFrameworkCore;
using Workflow.Persistence.Storage;
using Workflow.Federation.Common;
using Workflow.Federation.Reminders;
using Workflow.Server.Email;
using Workflow.Server.Notifications;
using Workflow.Server.Robots;
using Workflow.Server.Sms;
using Workflow.Server.Storage;

namespace Workflow.Server.Reminders;

/// <summary>
/// The daily digest: at <c>Digest:At</c> (China time) one message per person and digest channel with what is due today, what
/// is overdue and what is new since the last digest. Exactly once rests on the outbox as for every reminder: the digest is a
/// delivery row keyed <c>digest:{day}:{channel}</c> for the person (one per webhook, <c>digest:{day}:webhook:{hook id}</c>, so
/// each of her webhooks hears it once), so a second run (a restart, another node, the start-up
/// catch-up) finds it or fails to insert it and sends nothing. The reminders it carries are marked with its id in the same
/// transaction; one folded after that waits for the next day's digest. An empty day sends nothing.
/// </summary>
public sealed class DailyDigest(
    IDbContextFactory<ServiceDbContext> contexts,
    WriteGate gate,
    ReminderScheduler scheduler,
    DigestOptions options,
    SmtpOptions smtp,
    SmsOptions sms,
    RobotOptions robots,
    TimeProvider clock,
    ILogger<DailyDigest> logger)
{
    private const int UniqueConflictRetries = 5;

    public static string Key(DateOnly day, DeliveryChannel channel) => $"{DayPrefix(day)}{channel.ToString().ToLowerInvariant()}";

    /// <summary>A person's webhooks each get the day's digest: the outbox's unique key has to tell them apart.</summary>
    public static string HookKey(DateOnly day, Guid hookId) => $"{Key(day, DeliveryChannel.Webhook)}:{hookId}";

    private static string DayPrefix(DateOnly day) => $"digest:{day:yyyy-MM-dd}:";

    /// <summary>The digest of today (China date) once its time has come; before it, nothing. Returns the digests written.</summary>
    public async Task<int> RunDueAsync(CancellationToken cancellationToken)
    {
        var today = ChinaInstant.Of(clock.GetUtcNow()).LocalDate;
        return clock.GetUtcNow() < ChinaInstant.At(today, options.At).Utc ? 0 : await RunAsync(today, cancellationToken);
    }

    /// <summary>Writes the digests of <paramref name="day"/> (those not written yet) and schedules their sending.</summary>
    public async Task<int> RunAsync(DateOnly day, CancellationToken cancellationToken)
    {
        List<Guid> readers;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
            readers = await db.NotificationSettings.AsNoTracking()
                .Where(s => (s.Email && s.EmailDigest) || (s.Webhook && s.WebhookDigest) || (s.Sms && s.SmsDigest))
                .OrderBy(s => s.UserId).Select(s => s.UserId).ToListAsync(cancellationToken);
        if (readers.Count == 0) return 0;
        var at = ChinaInstant.At(day, options.At).Utc;
        var now = clock.GetUtcNow();
        Dictionary<string, (ReminderRow Reminder, HashSet<Guid> People)> upcoming;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
            upcoming = await DueTodayAsync(db, readers.ToHashSet(), now > at ? now : at, ChinaInstant.At(day.AddDays(1), TimeOnly.MinValue).Utc, cancellationToken);
        var written = 0;
        foreach (var batch in readers.Chunk(options.BatchSize))
        {
            var outbound = await WriteWithRetryAsync(day, batch, upcoming, cancellationToken);
            foreach (var (id, notBefore) in outbound) scheduler.ScheduleSend(id, notBefore);
            written += outbound.Count;
        }
        if (written > 0) logger.LogInformation("Digest of {Day}: {Count} messages to {Readers} people reading a digest", day, written, readers.Count);
        return written;
    }

    private async Task<List<(Guid Id, DateTimeOffset NotBefore)>> WriteWithRetryAsync(DateOnly day, Guid[] people,
        Dictionary<string, (ReminderRow Reminder, HashSet<Guid> People)> upcoming, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await WriteAsync(day, people, upcoming, cancellationToken);
            }
            catch (DbUpdateException ex) when (attempt < UniqueConflictRetries && StorageErrors.IsConflict(ex))
            {
                // Another node wrote some of these digests between our read and our insert; the next read sees them.
                logger.LogInformation(ex, "Digest: a digest row was taken by another run; reading again");
            }
        }
    }

    /// <summary>One batch of people in one transaction: their digests, the reminders carried marked, today's recorded as folded.</summary>
    private async Task<List<(Guid Id, DateTimeOffset NotBefore)>> WriteAsync(DateOnly day, Guid[] people,
        Dictionary<string, (ReminderRow Reminder, HashSet<Guid> People)> upcoming, CancellationToken cancellationToken)
    {
        using var _ = await gate.EnterAsync(cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var at = ChinaInstant.At(day, options.At).Utc;
        var prefix = DayPrefix(day);
        var done = (await db.Deliveries.AsNoTracking().Where(d => d.Key.StartsWith(prefix) && people.Contains(d.RecipientId))
            .Select(d => new { d.RecipientId, d.Key }).ToListAsync(cancellationToken)).Select(d => (d.RecipientId, d.Key)).ToHashSet();
        var users = await db.Users.AsNoTracking().Where(u => u.Active && people.Contains(u.Id)).ToListAsync(cancellationToken);
        var settings = await db.NotificationSettings.AsNoTracking().Where(s => people.Contains(s.UserId)).ToDictionaryAsync(s => s.UserId, cancellationToken);
        var hooks = (await db.WebhookSubscriptions.AsNoTracking().Where(h => h.Active && h.UserId != null && people.Contains(h.UserId.Value))
            .OrderBy(h => h.CreatedAt).ToListAsync(cancellationToken)).ToLookup(h => h.UserId!.Value);
        // What was folded by the digest's time; a reminder folded later (or while this runs) waits for tomorrow's.
        var folded = await db.Deliveries.Where(d => d.State == DeliveryState.Folded && d.DigestId == null && people.Contains(d.RecipientId) && d.CreatedAt <= at)
            .ToListAsync(cancellationToken);
        var foldedKeys = folded.Select(f => f.Key).Distinct().ToList();
        var reminders = await db.Reminders.AsNoTracking().Where(r => foldedKeys.Contains(r.Key)).ToDictionaryAsync(r => r.Key, cancellationToken);
        var batch = people.ToHashSet();
        var upcomingKeys = upcoming.Where(u => u.Value.People.Overlaps(batch)).Select(u => u.Key).ToList();
        var taken = (await db.Deliveries.AsNoTracking().Where(d => upcomingKeys.Contains(d.Key) && people.Contains(d.RecipientId))
            .Select(d => new { d.Key, d.RecipientId, d.Channel }).ToListAsync(cancellationToken)).Select(d => (d.Key, d.RecipientId, d.Channel)).ToHashSet();

        var foldedFor = folded.ToLookup(f => f.RecipientId);
        var todayFor = upcomingKeys.SelectMany(k => upcoming[k].People.Where(batch.Contains).Select(p => (Person: p, upcoming[k].Reminder))).ToLookup(x => x.Person, x => x.Reminder);
        var outbound = new List<(Guid, DateTimeOffset)>();
        foreach (var user in users)
        {
            var choice = settings[user.Id];
            var person = new Person(user.Id, user.UserName, user.DisplayName, user.Email, user.Language, user.RegionCode) { Mobile = user.Mobile };
            foreach (var channel in DigestChannels(choice, person, hooks.Contains(user.Id)))
            {
                var targets = (channel == DeliveryChannel.Webhook
                    ? hooks[user.Id].Select(h => (Key: HookKey(day, h.Id), Target: (string?)h.Id.ToString()))
                    : [(Key(day, channel), channel == DeliveryChannel.Email ? user.Email : user.Mobile)]).Where(t => !done.Contains((user.Id, t.Key))).ToList();
                if (targets.Count == 0) continue;
                var carried = foldedFor[user.Id].Where(f => f.Channel == channel && reminders.ContainsKey(f.Key)).ToList();
                var today = todayFor[user.Id].Where(r => !taken.Contains((r.Key, user.Id, channel))).ToList();
                var lines = DigestLines.Of(today, carried.Select(f => reminders[f.Key]).ToList(), robots.SiteUrl);
                if (lines.IsEmpty) continue;
                // Quiet hours that cover the digest's time hold it to their end, as they hold an e-mail.
                var lease = QuietWindow.HeldUntil(choice, now > at ? now : at) ?? now;
                var ids = targets.Select(_ => Guid.CreateVersion7(now)).ToList();
                foreach (var ((key, target), digestId) in targets.Zip(ids))
                    db.Deliveries.Add(new DeliveryRow
                    {
                        Id = digestId, Key = key, RecipientId = user.Id, Channel = channel, Kind = ReminderKind.Notify, State = DeliveryState.Pending,
                        DueAt = at, Target = target, Payload = DigestLines.Payload(channel, lines, person, day, digestId, key, at, options.SmsTemplate, robots.SiteUrl),
                        LeaseUntil = lease, CreatedAt = now,
                    });
                // The reminders carried are marked once per channel: by the first of the digests that carry them.
                var id = ids[0];
                foreach (var row in carried) row.DigestId = id;
                // Today's reminders are in this digest: recorded as folded and carried, so the sweep finds them taken when they fall due.
                foreach (var reminder in today)
                    db.Deliveries.Add(new DeliveryRow
                    {
                        Id = Guid.CreateVersion7(now), Key = reminder.Key, RecipientId = user.Id, Channel = channel, Kind = reminder.Kind, State = DeliveryState.Folded,
                        DueAt = reminder.DueAt, DigestId = id, LeaseUntil = now, CreatedAt = now,
                    });
                outbound.AddRange(ids.Select(digestId => (digestId, lease)));
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return outbound;
    }

    /// <summary>The channels this person reads as a digest and can be reached on (SMS only with an approved digest template).</summary>
    private IEnumerable<DeliveryChannel> DigestChannels(NotificationSettingsRow choice, Person person, bool hasHook)
    {
        if (choice is { Email: true, EmailDigest: true } && smtp.Enabled && !string.IsNullOrWhiteSpace(person.Email)) yield return DeliveryChannel.Email;
        if (choice is { Webhook: true, WebhookDigest: true } && hasHook) yield return DeliveryChannel.Webhook;
        if (choice is { Sms: true, SmsDigest: true } && sms.Enabled && person.Mobile is not null && options.SmsTemplate is not null) yield return DeliveryChannel.Sms;
    }

    /// <summary>Reminders still to fall due today (urgent ones excepted: they go out by themselves), with the people they reach.</summary>
    private static async Task<Dictionary<string, (ReminderRow Reminder, HashSet<Guid> People)>> DueTodayAsync(ServiceDbContext db, HashSet<Guid> readers,
        DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken)
    {
        var due = await db.Reminders.AsNoTracking().Where(r => r.Status == ReminderStatus.Scheduled && !r.Urgent && r.DueAt >= from && r.DueAt < until)
            .OrderBy(r => r.DueAt).ToListAsync(cancellationToken);
        var reached = await Recipients.ResolveAsync(db, due.Select(r => Recipients.Read(r.Audience)).ToList(), cancellationToken);
        return due.Select((r, i) => (r, reached[i].Select(p => p.Id).Where(readers.Contains).ToHashSet()))
            .Where(x => x.Item2.Count > 0).ToDictionary(x => x.r.Key, x => (x.r, x.Item2));
    }
}
