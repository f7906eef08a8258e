using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Workflow.Persistence.Storage;
using Workflow.Server.Email;
using Workflow.Server.Notifications;
using Workflow.Server.Robots;
using Workflow.Server.Sms;
using Workflow.Server.Storage;
using Workflow.Server.Webhooks;
using Workflow.Federation.Regions;
using Workflow.Federation.Reminders;

namespace Workflow.Server.Reminders;

/// <summary>
/// Delivers every reminder that is due, in batches. Exactly-once rests on the database, not on memory:
/// <list type="bullet">
/// <item>A batch is one write transaction (SQLite begins it IMMEDIATE, so the reads inside see every earlier commit): the
/// reminders' status, their in-app notifications and a delivery row per person and channel commit together.</item>
/// <item>The delivery row's unique (key, recipient, channel) index decides: a second sweep — a retry, a Hangfire double
/// execution, another node — finds the reminder delivered or fails to insert the row and starts over, delivering nothing.</item>
/// <item>In-app delivery is inside that transaction, so it is exactly once. E-mail and webhooks leave the service: their
/// rows are written <c>Pending</c> first, sent after the commit, then marked <c>Sent</c>. A crash between commit and send
/// leaves the row pending, and start-up sends it (never lost); a crash after the channel accepted but before the mark
/// sends it once more, with the same Message-ID / <c>X-Workflow-Delivery</c> id so the receiver can tell. That window is
/// the only way a channel sees a message twice: at-least-once with an idempotency key, rather than at-most-once, because
/// a reminder silently lost is worse than one a mail client shows twice.</item>
/// <item>Group robots (WeCom, DingTalk) are outside channels too, on the same rows; their pending rows wait for
/// <see cref="RobotDispatcher"/>, which paces each robot, instead of a job each.</item>
/// </list>
/// </summary>
public sealed class ReminderSweep(
    IDbContextFactory<ServiceDbContext> contexts,
    WriteGate gate,
    ReminderScheduler scheduler,
    ReminderOptions options,
    SmtpOptions smtp,
    RobotOptions robotOptions,
    RobotDispatcher robotDispatcher,
    SmsOptions sms,
    TimeProvider clock,
    ILogger<ReminderSweep> logger)
{
    private const int UniqueConflictRetries = 5;

    /// <summary>Delivers what is due now; returns the number of reminders handled (delivered or dropped).</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var handled = 0;
        while (true)
        {
            var (count, outbound, toRobots) = await DeliverBatchWithRetryAsync(cancellationToken);
            var now = clock.GetUtcNow();
            foreach (var (id, notBefore) in outbound) scheduler.ScheduleSend(id, notBefore > now ? notBefore : now);
            if (toRobots) robotDispatcher.Wake();
            handled += count;
            if (count < options.BatchSize) return handled;
        }
    }

    private async Task<(int Count, List<(Guid Id, DateTimeOffset NotBefore)> Outbound, bool ToRobots)> DeliverBatchWithRetryAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await DeliverBatchAsync(cancellationToken);
            }
            catch (DbUpdateException ex) when (attempt < UniqueConflictRetries && StorageErrors.IsConflict(ex))
            {
                // Another node delivered some of these between our read and our insert; the next read sees it.
                logger.LogInformation(ex, "Reminders: a delivery row was taken by another sweep; reading again");
            }
        }
    }

    private async Task<(int Count, List<(Guid Id, DateTimeOffset NotBefore)> Outbound, bool ToRobots)> DeliverBatchAsync(CancellationToken cancellationToken)
    {
        using var _ = await gate.EnterAsync(cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var due = await db.Reminders.Where(r => r.Status == ReminderStatus.Scheduled && r.DueAt <= now)
            .OrderBy(r => r.DueAt).Take(options.BatchSize).ToListAsync(cancellationToken);
        if (due.Count == 0) return (0, [], false);

        var keys = due.Select(r => r.Key).ToList();
        var taken = (await db.Deliveries.AsNoTracking().Where(d => keys.Contains(d.Key))
            .Select(d => new { d.Key, d.RecipientId, d.Channel }).ToListAsync(cancellationToken))
            .Select(d => (d.Key, d.RecipientId, d.Channel)).ToHashSet();
        var audiences = due.Select(r => Recipients.Read(r.Audience)).ToList();
        var people = await Recipients.ResolveAsync(db, audiences, cancellationToken);
        var userIds = people.SelectMany(p => p).Select(p => p.Id).Distinct().ToList();
        var settings = await db.NotificationSettings.AsNoTracking().Where(s => userIds.Contains(s.UserId)).ToDictionaryAsync(s => s.UserId, cancellationToken);
        var hooks = await db.WebhookSubscriptions.AsNoTracking().Where(h => h.Active).ToListAsync(cancellationToken);
        var robots = await db.Robots.AsNoTracking().Where(r => r.Active).ToListAsync(cancellationToken);
        var toRobots = false;

        var outbound = new List<(Guid Id, DateTimeOffset NotBefore)>();
        for (var i = 0; i < due.Count; i++)
        {
            var reminder = due[i];
            reminder.ProcessedAt = now;
            reminder.Late = options.IsLate(reminder.DueAt, now);
            if (reminder.Late && options.PolicyFor(reminder.Kind) == LatePolicy.Drop)
            {
                reminder.Status = ReminderStatus.Dropped;
                logger.LogInformation("Reminders: dropped {Key}, due {DueAt:O}, by the late policy of {Kind}", reminder.Key, reminder.DueAt, reminder.Kind);
                continue;
            }
            reminder.Status = ReminderStatus.Delivered;
            var message = new Outgoing(reminder, now);
            foreach (var person in people[i])
            {
                var choice = settings.GetValueOrDefault(person.Id);
                // The inbox does not ring a phone; e-mail and webhooks (which do) wait out the person's quiet hours, held by their lease.
                // An urgent escalation waits for nothing: neither the night nor the digest.
                var held = reminder.Urgent ? null : QuietWindow.HeldUntil(choice, now);
                var folds = !reminder.Urgent;
                if (choice?.InApp ?? true)
                    Add(db, taken, message.InApp(person));
                if ((choice?.Email ?? true) && smtp.Enabled && !string.IsNullOrWhiteSpace(person.Email))
                    outbound.AddRange(Add(db, taken, folds && choice is { EmailDigest: true } ? message.Folded(person, DeliveryChannel.Email) : message.Email(person, held))
                        .Select(id => (id, held ?? now)));
                if ((choice?.Webhook ?? true) && folds && choice is { WebhookDigest: true } && hooks.Any(h => h.UserId == person.Id))
                    Add(db, taken, message.Folded(person, DeliveryChannel.Webhook));
                else if (choice?.Webhook ?? true)
                    foreach (var hook in hooks.Where(h => h.UserId == person.Id))
                        outbound.AddRange(Add(db, taken, message.PersonWebhook(person, hook, held)).Select(id => (id, held ?? now)));
                if (choice is { Sms: true, SmsDigest: true } && folds && sms.Enabled && person.Mobile is not null)
                    Add(db, taken, message.Folded(person, DeliveryChannel.Sms));
                else if ((choice?.Sms ?? false) && sms.Enabled && person.Mobile is not null && sms.TemplateFor(reminder.Kind) is { } template)
                    outbound.AddRange(Add(db, taken, message.Sms(person, template, held)).Select(id => (id, held ?? now)));
            }
            foreach (var hook in hooks.Where(h => h.UserId is null && h.RegionCode is not null))
            {
                var inRegion = people[i].Where(p => RegionCode.Covers(hook.RegionCode!, p.RegionCode)).ToList();
                if (inRegion.Count > 0) outbound.AddRange(Add(db, taken, message.RegionWebhook(hook, inRegion)).Select(id => (id, now)));
            }
            // A body's robots hear of the body's reminders; a region's robots of every reminder reaching someone in the region.
            var bodyId = ReminderKeys.BodyOf(reminder.Key);
            foreach (var robot in robots.Where(r => r.BodyId is { } body ? body == bodyId : people[i].Any(p => RegionCode.Covers(r.RegionCode, p.RegionCode))))
                toRobots |= Add(db, taken, message.Robot(robot, robotOptions.SiteUrl)).Any();
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (due.Count, outbound, toRobots);
    }

    /// <summary>Adds the delivery (and its in-app notification) unless that person already has this key on this channel.</summary>
    private static IEnumerable<Guid> Add(ServiceDbContext db, HashSet<(string, Guid, DeliveryChannel)> taken, (DeliveryRow Delivery, InboxRow? Inbox) item)
    {
        if (!taken.Add((item.Delivery.Key, item.Delivery.RecipientId, item.Delivery.Channel))) return [];
        db.Deliveries.Add(item.Delivery);
        if (item.Inbox is not null) db.Notifications.Add(item.Inbox);
        return item.Delivery.State == DeliveryState.Pending ? [item.Delivery.Id] : [];
    }

    /// <summary>One reminder rendered for each channel, in each recipient's language.</summary>
    /// <summary>How e-mail and webhook payloads are written: web names, Chinese as it is, enums by name.</summary>
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private sealed class Outgoing(ReminderRow reminder, DateTimeOffset now)
    {
        private static readonly JsonSerializerOptions s_json = Json;

        private readonly LocalizedText _subject = new(reminder.SubjectZh, reminder.SubjectEn);
        private readonly LocalizedText _body = new(reminder.BodyZh, reminder.BodyEn);

        public (DeliveryRow, InboxRow?) InApp(Person person) =>
            (Row(person.Id, DeliveryChannel.InApp, DeliveryState.Sent, null, null),
             new InboxRow
             {
                 Id = Guid.CreateVersion7(now), UserId = person.Id, Key = reminder.Key, Kind = reminder.Kind, Subject = Subject(person.Language),
                 Body = _body.For(person.Language), Link = reminder.Link, Late = reminder.Late, DueAt = reminder.DueAt, CreatedAt = now,
             });

        /// <summary>Held (quiet hours): the row's lease runs to <paramref name="heldUntil"/>, so no sender claims it before, and the subject says it was held.</summary>
        public (DeliveryRow, InboxRow?) Email(Person person, DateTimeOffset? heldUntil = null)
        {
            var subject = (heldUntil is null ? "" : QuietWindow.HeldMark(person.Language)) + Subject(person.Language);
            var payload = new EmailPayload(person.Email!, person.DisplayName, subject, _body.For(person.Language) + Footer(person.Language));
            return (Row(person.Id, DeliveryChannel.Email, DeliveryState.Pending, person.Email, JsonSerializer.Serialize(payload, s_json), lease: heldUntil), null);
        }

        public (DeliveryRow, InboxRow?) PersonWebhook(Person person, WebhookSubscriptionRow hook, DateTimeOffset? heldUntil = null)
        {
            var id = Guid.CreateVersion7(now);
            var subject = heldUntil is null ? null : new LocalizedText(QuietWindow.HeldMark("zh-CN") + _subject.Zh, QuietWindow.HeldMark("en") + _subject.En);
            // The subscription is the recipient, as for a region's webhooks and robots: each of her webhooks hears it once.
            return (Row(hook.Id, DeliveryChannel.Webhook, DeliveryState.Pending, hook.Id.ToString(), Body(id, [person], person.Language, null, subject), id, heldUntil), null);
        }

        public (DeliveryRow, InboxRow?) RegionWebhook(WebhookSubscriptionRow hook, IReadOnlyList<Person> people)
        {
            var id = Guid.CreateVersion7(now);
            return (Row(hook.Id, DeliveryChannel.Webhook, DeliveryState.Pending, hook.Id.ToString(), Body(id, people, null, hook.RegionCode), id), null);
        }

        /// <summary>A group reads Chinese; the link is absolute, to the body's page or the task's, so it opens in the platform's phone browser.</summary>
        public (DeliveryRow, InboxRow?) Robot(RobotRow robot, Uri? site)
        {
            var text = new RobotMessage(Subject(null), _body.Zh, RobotMessages.PageLink(site, reminder.Key, reminder.Link));
            return (Row(robot.Id, DeliveryChannel.Robot, DeliveryState.Pending, robot.Id.ToString(), RobotMessages.Payload(robot.Platform, robot.Format, text)), null);
        }

        /// <summary>
        /// The kind's approved template with the subject and the short-link code of the page where the work is done: the
        /// template holds the site's address (providers take no link in a variable). A text message rings a phone: quiet
        /// hours hold it like an e-mail, and its subject says so.
        /// </summary>
        public (DeliveryRow, InboxRow?) Sms(Person person, string template, DateTimeOffset? heldUntil = null)
        {
            var subject = (heldUntil is null ? "" : QuietWindow.HeldMark("zh-CN")) + _subject.Zh;
            var text = SmsMessage.Reminder(person.Mobile!, template, subject, ShortLinks.CodeFor(RobotMessages.PagePath(reminder.Key, reminder.Link)));
            return (Row(person.Id, DeliveryChannel.Sms, DeliveryState.Pending, person.Mobile, SmsSender.Payload(text), lease: heldUntil), null);
        }

        /// <summary>For a channel the person reads as a digest: recorded (so it is not lost, and never sent by itself) until the digest carries it.</summary>
        public (DeliveryRow, InboxRow?) Folded(Person person, DeliveryChannel channel) => (Row(person.Id, channel, DeliveryState.Folded, null, null), null);

        private string Subject(string? language) =>
            reminder.Late ? (LocalizedText.IsEnglish(language) ? "[Late] " : "【延迟送达】") + _subject.For(language) : _subject.For(language);

        private string Footer(string? language) => reminder.Link is null ? "" : (LocalizedText.IsEnglish(language) ? "\n\nOpen: " : "\n\n查看：") + reminder.Link;

        private string Body(Guid deliveryId, IReadOnlyList<Person> people, string? language, string? regionCode, LocalizedText? subject = null) => JsonSerializer.Serialize(new WebhookPayload(
            deliveryId, reminder.Key, reminder.Kind, reminder.DueAt, reminder.Late, regionCode, language,
            people.Select(p => new WebhookRecipient(p.Id, p.UserName, p.DisplayName, p.RegionCode)).ToList(),
            subject ?? _subject, _body, reminder.Link), s_json);

        private DeliveryRow Row(Guid recipient, DeliveryChannel channel, DeliveryState state, string? target, string? payload, Guid? id = null, DateTimeOffset? lease = null) => new()
        {
            Id = id ?? Guid.CreateVersion7(now), Key = reminder.Key, RecipientId = recipient, Channel = channel, Kind = reminder.Kind, State = state,
            Late = reminder.Late, DueAt = reminder.DueAt, Target = target, Payload = payload, LeaseUntil = lease ?? now, CreatedAt = now,
            SentAt = state == DeliveryState.Sent ? now : null,
        };
    }
}
