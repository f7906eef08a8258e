using Microsoft.EntityFrameworkCore;
using Workflow.Server.Sms;
using Workflow.Server.Storage;

namespace Workflow.Server.Notifications;

/// <summary>
/// A message that will not be sent, as an admin needs to see it: to whom and through which channel, why (the platform's or
/// server's last answer) and when. Its text is left out: an invitation's code travels in it. A mobile number is masked as
/// everywhere, a webhook shows only its host.
/// </summary>
public sealed record FailedDeliveryView(Guid Id, DeliveryChannel Channel, Guid RecipientId, string? Recipient, string? Target, string Key, int Attempts,
    string? Reason, DateTimeOffset FailedAt);

public sealed record FailedDeliveryPage(IReadOnlyList<FailedDeliveryView> Items, DateTimeOffset? Before);

/// <summary>The dead letters of every outside channel (e-mail, webhooks, group robots, SMS), newest first, a screen at a time.</summary>
public sealed class FailedDeliveries(IDbContextFactory<ServiceDbContext> contexts)
{
    public const int MaxLimit = 200;

    /// <param name="before">Only letters that failed before this moment: the <see cref="FailedDeliveryPage.Before"/> of the previous screen.</param>
    public async Task<FailedDeliveryPage> ListAsync(DeliveryChannel? channel, DateTimeOffset? before, int limit, CancellationToken cancellationToken)
    {
        if (channel == DeliveryChannel.InApp || limit is < 1 or > MaxLimit)
            throw Refusal.Validation(channel == DeliveryChannel.InApp ? ("channel", "one of Email, Webhook, Robot, Sms") : ("limit", $"1 to {MaxLimit}"));
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        var letters = db.DeadLetters.AsNoTracking();
        if (channel is { } only) letters = letters.Where(d => d.Channel == only);
        if (before is { } until) letters = letters.Where(d => d.FailedAt < until);
        var rows = await letters.OrderByDescending(d => d.FailedAt).Take(limit + 1).ToListAsync(cancellationToken);
        var screen = rows.Take(limit).ToList();
        var ids = screen.Select(d => d.RecipientId).Distinct().ToList();
        var people = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        var robots = await db.Robots.AsNoTracking().Where(r => ids.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.Name, cancellationToken);
        var items = screen.Select(d => new FailedDeliveryView(d.Id, d.Channel, d.RecipientId,
            people.GetValueOrDefault(d.RecipientId) ?? robots.GetValueOrDefault(d.RecipientId), Shown(d.Channel, d.Target), d.Key, d.Attempts, d.LastError,
            d.FailedAt)).ToList();
        return new FailedDeliveryPage(items, rows.Count > limit ? screen[^1].FailedAt : null);
    }

    private static string? Shown(DeliveryChannel channel, string? target) => target is null ? null : channel switch
    {
        DeliveryChannel.Sms => SmsOptions.Mask(target),
        // A robot's or webhook's address carries its key: the host says enough.
        DeliveryChannel.Robot or DeliveryChannel.Webhook => Uri.TryCreate(target, UriKind.Absolute, out var url) ? url.Host : "****",
        _ => target,
    };
}
