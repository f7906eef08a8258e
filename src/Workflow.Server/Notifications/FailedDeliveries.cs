using System.Buffers.Binary;
using System.Buffers.Text;
using Microsoft.EntityFrameworkCore;
using Workflow.Server.Sms;
using Workflow.Server.Storage;

namespace Workflow.Server.Notifications;

/// <summary>
/// A message that will not be sent, as an admin needs to see it: to whom and through which channel, why (the platform's or
/// server's last answer, with its code) and when. Its text is left out: links, names and an invitation's code travel in it.
/// A mobile number is masked as everywhere, a webhook or robot shows only its host.
/// </summary>
public sealed record FailedDeliveryView(Guid Id, Guid DeliveryId, DeliveryChannel Channel, Guid RecipientId, string? Recipient, string? Target, string Key,
    int Attempts, string? Reason, DateTimeOffset FailedAt);

/// <param name="Next">The cursor of the next (older) screen; null on the last.</param>
public sealed record FailedDeliveryPage(IReadOnlyList<FailedDeliveryView> Items, string? Next);

/// <summary>
/// The dead letters of every outside channel (e-mail, webhooks, group robots, SMS), newest first, a screen at a time. The one
/// reader of the dead letter table: the robot and webhook endpoints call it too.
/// </summary>
public sealed class FailedDeliveries(IDbContextFactory<ServiceDbContext> contexts)
{
    public const int MaxLimit = 200;

    /// <param name="cursor">Where the previous screen ended (its <see cref="FailedDeliveryPage.Next"/>); null for the newest.</param>
    public async Task<FailedDeliveryPage> ListAsync(DeliveryChannel? channel, string? cursor, int limit, CancellationToken cancellationToken)
    {
        if (channel == DeliveryChannel.InApp) throw Refusal.Validation(("channel", "须为 Email、Webhook、Robot 或 Sms（one of Email, Webhook, Robot, Sms）"));
        if (limit is < 1 or > MaxLimit) throw Refusal.Validation(("limit", $"1 至 {MaxLimit}（1 to {MaxLimit}）"));
        var after = cursor is null ? default((DateTimeOffset, Guid)?) : Cursor.Read(cursor) ?? throw Refusal.Validation(("cursor", "the next cursor of a previous answer / 请使用上一页返回的游标"));
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        var letters = db.DeadLetters.AsNoTracking();
        if (channel is { } only) letters = letters.Where(d => d.Channel == only);
        // Keyset on (FailedAt, Id): letters failing in the same tick are neither skipped nor shown twice across screens.
        if (after is var (failedAt, id)) letters = letters.Where(d => d.FailedAt < failedAt || (d.FailedAt == failedAt && d.Id.CompareTo(id) < 0));
        var rows = await letters.OrderByDescending(d => d.FailedAt).ThenByDescending(d => d.Id).Take(limit + 1).ToListAsync(cancellationToken);
        var screen = rows.Take(limit).ToList();
        var ids = screen.Select(d => d.RecipientId).Distinct().ToList();
        var hooks = await db.WebhookSubscriptions.AsNoTracking().Where(h => ids.Contains(h.Id))
            .ToDictionaryAsync(h => h.Id, h => (h.UserId, h.RegionCode), cancellationToken);
        var owners = ids.Concat(hooks.Values.Where(h => h.UserId is not null).Select(h => h.UserId!.Value)).ToList();
        var people = await db.Users.AsNoTracking().Where(u => owners.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        var robots = await db.Robots.AsNoTracking().Where(r => ids.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.Name, cancellationToken);
        // A webhook's delivery names its subscription: the admin reads whose it is (a person's name, or the region's code).
        string? Recipient(Guid id) => people.GetValueOrDefault(id) ?? robots.GetValueOrDefault(id)
            ?? (hooks.TryGetValue(id, out var hook) ? hook.UserId is { } user ? people.GetValueOrDefault(user) : hook.RegionCode : null);
        var items = screen.Select(d => new FailedDeliveryView(d.Id, d.DeliveryId, d.Channel, d.RecipientId, Recipient(d.RecipientId),
            Shown(d.Channel, d.Target), d.Key, d.Attempts, d.LastError, d.FailedAt)).ToList();
        return new FailedDeliveryPage(items, rows.Count > limit ? Cursor.Write(screen[^1].FailedAt, screen[^1].Id) : null);
    }

    private static string? Shown(DeliveryChannel channel, string? target) => target is null ? null : channel switch
    {
        DeliveryChannel.Sms => SmsOptions.Mask(target),
        // A robot's or webhook's address carries its key: the host says enough. Their deliveries keep the robot's or subscription's id.
        DeliveryChannel.Robot or DeliveryChannel.Webhook => Guid.TryParse(target, out _) ? target
            : Uri.TryCreate(target, UriKind.Absolute, out var url) ? url.Host : "****",
        _ => target,
    };

    /// <summary>Opaque to callers (base64url of the last letter's failure ticks and id), so the paging key can change without breaking them.</summary>
    private static class Cursor
    {
        public static string Write(DateTimeOffset failedAt, Guid id)
        {
            var bytes = new byte[24];
            BinaryPrimitives.WriteInt64BigEndian(bytes, failedAt.UtcTicks);
            id.TryWriteBytes(bytes.AsSpan(8), bigEndian: true, out _);
            return Base64Url.EncodeToString(bytes);
        }

        public static (DateTimeOffset FailedAt, Guid Id)? Read(string cursor)
        {
            var bytes = new byte[24];
            if (cursor.Length != 32 || !Base64Url.TryDecodeFromChars(cursor, bytes, out var written) || written != 24) return null;
            var ticks = BinaryPrimitives.ReadInt64BigEndian(bytes);
            if (ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks) return null;
            return (new DateTimeOffset(ticks, TimeSpan.Zero), new Guid(bytes.AsSpan(8), bigEndian: true));
        }
    }
}
