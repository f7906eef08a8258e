using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Workflow.Server.Accounts;
using Workflow.Server.Email;
using Workflow.Server.Problems;
using Workflow.Server.Reminders;
using Workflow.Server.Storage;
using Workflow.Federation.Reminders;

namespace Workflow.Server.Notifications;

public sealed record NotificationView(Guid Id, string Key, ReminderKind Kind, string Subject, string Body, string? Link, bool Late, DateTimeOffset DueAt,
    DateTimeOffset CreatedAt, DateTimeOffset? ReadAt);

public sealed record NotificationPage(IReadOnlyList<NotificationView> Items, int Page, int PageSize, int Total, int Unread);

public sealed record UnreadCount(int Unread);

public sealed record MarkedRead(int Marked);

/// <summary>A person's channels. <see cref="Language"/>, the e-mail address and whether a webhook exists come from the account and the admin.</summary>
public sealed record NotificationSettings(bool InApp, bool Email, bool Webhook, string Language, string? EmailAddress, bool EmailAvailable, bool WebhookConfigured,
    bool QuietHours, string QuietFrom, string QuietUntil, bool Sms = false, string? Mobile = null, bool SmsAvailable = false)
{
    /// <summary>Each reminder, a daily digest, or nothing, per outside channel (<see cref="Email"/> and the others say whether it is on at all).</summary>
    public ChannelMode EmailMode { get; init; }
    public ChannelMode WebhookMode { get; init; }
    public ChannelMode SmsMode { get; init; }
    /// <summary>When the daily digest goes out, China time (<c>Digest:At</c>).</summary>
    public string DigestAt { get; init; } = "08:30";
}

/// <summary>The channels to turn on or off; a channel left out keeps its setting.</summary>
/// <summary>Quiet hours are China time, <c>HH:mm</c>; a window may run over midnight (21:00–08:00).</summary>
/// <remarks>
/// <c>mobile</c> is a mainland number (+86 optional); an empty string removes it. It is only ever shown masked.
/// <c>emailMode</c>, <c>webhookMode</c>, <c>smsMode</c>: <c>each</c>, <c>digest</c> or <c>off</c>; a mode wins over the channel's on/off.
/// </remarks>
public sealed record NotificationSettingsChange(bool? InApp, bool? Email, bool? Webhook, bool? QuietHours = null, string? QuietFrom = null, string? QuietUntil = null,
    bool? Sms = null, string? Mobile = null, string? EmailMode = null, string? WebhookMode = null, string? SmsMode = null);

/// <summary>The in-app inbox and the channel settings of the signed-in person.</summary>
public sealed class NotificationInbox(IDbContextFactory<ServiceDbContext> contexts, SmtpOptions smtp, Sms.SmsOptions sms, DigestOptions digest, TimeProvider clock)
{
    public const int MaxPageSize = 200;

    public async Task<NotificationPage> ListAsync(Caller caller, bool unreadOnly, int page, int pageSize, CancellationToken cancellationToken)
    {
        page = Math.Max(1, page);
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var mine = db.Notifications.AsNoTracking().Where(n => n.UserId == caller.Id);
        var unread = await mine.CountAsync(n => n.ReadAt == null, cancellationToken);
        var query = unreadOnly ? mine.Where(n => n.ReadAt == null) : mine;
        var total = unreadOnly ? unread : await query.CountAsync(cancellationToken);
        var items = await query.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).Skip((page - 1) * pageSize).Take(pageSize)
            .Select(n => new NotificationView(n.Id, n.Key, n.Kind, n.Subject, n.Body, n.Link, n.Late, n.DueAt, n.CreatedAt, n.ReadAt))
            .ToListAsync(cancellationToken);
        return new NotificationPage(items, page, pageSize, total, unread);
    }

    public async Task<UnreadCount> UnreadAsync(Caller caller, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return new UnreadCount(await db.Notifications.CountAsync(n => n.UserId == caller.Id && n.ReadAt == null, cancellationToken));
    }

    /// <summary>Marks one notification read; reading it again changes nothing. Someone else's notification is 404.</summary>
    public async Task MarkReadAsync(Caller caller, Guid id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.Notifications.SingleOrDefaultAsync(n => n.Id == id && n.UserId == caller.Id, cancellationToken)
            ?? throw Refusal.NotFound("notification", id);
        row.ReadAt ??= clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<MarkedRead> MarkAllReadAsync(Caller caller, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var marked = await db.Notifications.Where(n => n.UserId == caller.Id && n.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), cancellationToken);
        return new MarkedRead(marked);
    }

    public async Task<NotificationSettings> SettingsAsync(Caller caller, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await SettingsAsync(db, caller, cancellationToken);
    }

    public async Task<NotificationSettings> ChangeSettingsAsync(Caller caller, NotificationSettingsChange change, CancellationToken cancellationToken)
    {
        var from = ParseTime("quietFrom", change.QuietFrom);
        var until = ParseTime("quietUntil", change.QuietUntil);
        var (emailMode, webhookMode, smsMode) = (ChannelModes.Parse("emailMode", change.EmailMode), ChannelModes.Parse("webhookMode", change.WebhookMode),
            ChannelModes.Parse("smsMode", change.SmsMode));
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.NotificationSettings.SingleOrDefaultAsync(s => s.UserId == caller.Id, cancellationToken);
        if (row is null)
        {
            if (!await db.Users.AnyAsync(u => u.Id == caller.Id, cancellationToken)) throw Refusal.NotFound("user", caller.Id);
            row = new NotificationSettingsRow { UserId = caller.Id };
            db.NotificationSettings.Add(row);
        }
        (row.InApp, row.UpdatedAt) = (change.InApp ?? row.InApp, clock.GetUtcNow());
        (row.Email, row.EmailDigest) = ChannelModes.Apply(row.Email, row.EmailDigest, change.Email, emailMode);
        (row.Webhook, row.WebhookDigest) = ChannelModes.Apply(row.Webhook, row.WebhookDigest, change.Webhook, webhookMode);
        (row.QuietHours, row.QuietFrom, row.QuietUntil) = (change.QuietHours ?? row.QuietHours, from ?? row.QuietFrom, until ?? row.QuietUntil);
        if (row.QuietHours && row.QuietFrom == row.QuietUntil)
            throw Refusal.Validation(("quietUntil", "免打扰的结束时间与开始时间相同，如不需要请关闭免打扰（quiet hours end where they begin; turn them off instead: quietHours false）"));
        var user = await db.Users.SingleAsync(u => u.Id == caller.Id, cancellationToken);
        if (change.Mobile is not null) user.Mobile = Sms.SmsOptions.MobileChange(change.Mobile);
        (row.Sms, row.SmsDigest) = ChannelModes.Apply(row.Sms, row.SmsDigest, change.Sms, smsMode);
        if (row.Sms && user.Mobile is null) throw Refusal.Validation(("sms", "接收短信须先填写手机号（give a mobile number to receive text messages）"));
        await db.SaveChangesAsync(cancellationToken);
        return await SettingsAsync(db, caller, cancellationToken);
    }

    private async Task<NotificationSettings> SettingsAsync(ServiceDbContext db, Caller caller, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == caller.Id, cancellationToken) ?? throw Refusal.NotFound("user", caller.Id);
        var row = await db.NotificationSettings.AsNoTracking().SingleOrDefaultAsync(s => s.UserId == caller.Id, cancellationToken) ?? new NotificationSettingsRow { UserId = caller.Id };
        var hook = await db.WebhookSubscriptions.AnyAsync(h => h.UserId == caller.Id && h.Active, cancellationToken);
        return new NotificationSettings(row.InApp, row.Email, row.Webhook, user.Language, user.Email, smtp.Enabled && !string.IsNullOrWhiteSpace(user.Email), hook,
            row.QuietHours, row.QuietFrom.ToString("HH:mm", CultureInfo.InvariantCulture), row.QuietUntil.ToString("HH:mm", CultureInfo.InvariantCulture),
            row.Sms, user.Mobile is { } mobile ? Sms.SmsOptions.Mask(mobile) : null, sms.Enabled && user.Mobile is not null)
        {
            EmailMode = ChannelModes.Of(row.Email, row.EmailDigest),
            WebhookMode = ChannelModes.Of(row.Webhook, row.WebhookDigest),
            SmsMode = ChannelModes.Of(row.Sms, row.SmsDigest),
            DigestAt = digest.AtText,
        };
    }

    private static TimeOnly? ParseTime(string field, string? value) =>
        value is null ? null
        : TimeOnly.TryParseExact(value, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? time
        : throw Refusal.Validation((field, $"“{value}”不是 HH:mm 格式的北京时间，例如 21:00（'{value}' is not a time of day as HH:mm, China time, e.g. 21:00）"));
}
