using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Workflow.Federation.Common;
using Workflow.Server.Accounts;
using Workflow.Server.Problems;
using Workflow.Server.Reminders;
using Workflow.Server.Storage;
using Workflow.Federation.Reminders;

namespace Workflow.Server.Calendar;

/// <summary>A new feed address: the token is shown once; only its hash is kept.</summary>
public sealed record CalendarToken(string Token, string Url, DateTimeOffset CreatedAt);

/// <summary>One entry of a person's calendar: a rotation period, a duty-group turn or a meeting.</summary>
public sealed record CalendarEntry(DateTimeOffset Start, DateTimeOffset End, bool AllDay, string SummaryZh, string SummaryEn, string? Location);

/// <summary>
/// Each person's private iCalendar feed: rotation periods, duty-group turns and meetings, in Asia/Shanghai.
/// The address holds a secret token; making a new one revokes the old, and revoking leaves none.
/// </summary>
public sealed class CalendarFeed(IDbContextFactory<ServiceDbContext> contexts, TimeProvider clock)
{
    public const string TimeZoneId = "Asia/Shanghai";

    /// <summary>Entries older than this are left out of the feed; calendar clients keep what they already fetched.</summary>
    private static readonly TimeSpan s_history = TimeSpan.FromDays(400);

    public async Task<CalendarToken> CreateTokenAsync(Caller caller, string baseUrl, CancellationToken cancellationToken)
    {
        var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var now = clock.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.Users.AnyAsync(u => u.Id == caller.Id, cancellationToken)) throw Refusal.NotFound("user", caller.Id);
        var row = await db.CalendarTokens.SingleOrDefaultAsync(t => t.UserId == caller.Id, cancellationToken);
        if (row is null) db.CalendarTokens.Add(new CalendarTokenRow { UserId = caller.Id, TokenHash = Hash(token), CreatedAt = now });
        else (row.TokenHash, row.CreatedAt) = (Hash(token), now);
        await db.SaveChangesAsync(cancellationToken);
        return new CalendarToken(token, $"{baseUrl.TrimEnd('/')}/calendar/{token}.ics", now);
    }

    /// <summary>True when there was a token to revoke.</summary>
    public async Task<bool> RevokeTokenAsync(Caller caller, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.CalendarTokens.Where(t => t.UserId == caller.Id).ExecuteDeleteAsync(cancellationToken) > 0;
    }

    /// <summary>The person's next entries, soonest first, as the calendar page lists them (the feed holds the same rows).</summary>
    public async Task<IReadOnlyList<CalendarEntry>> UpcomingAsync(Caller caller, int limit, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.CalendarEvents.AsNoTracking().Where(e => e.UserId == caller.Id && e.End >= now).OrderBy(e => e.Start).ThenBy(e => e.Key)
            .Take(Math.Clamp(limit, 1, 200))
            .Select(e => new CalendarEntry(e.Start, e.End, e.AllDay, e.SummaryZh, e.SummaryEn, e.Location)).ToListAsync(cancellationToken);
    }

    /// <summary>Whether the person has a feed address; the address itself was shown once and is not kept.</summary>
    public async Task<bool> HasTokenAsync(Caller caller, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.CalendarTokens.AnyAsync(t => t.UserId == caller.Id, cancellationToken);
    }

    /// <summary>The VCALENDAR of the token's owner, or null when no (active) person has that token.</summary>
    public async Task<string?> RenderAsync(string token, CancellationToken cancellationToken)
    {
        if (token.Length is < 32 or > 64) return null;
        var hash = Hash(token);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var owner = await db.CalendarTokens.AsNoTracking().Where(t => t.TokenHash == hash)
            .Join(db.Users.Where(u => u.Active), t => t.UserId, u => u.Id, (t, u) => new { u.Id, u.DisplayName, u.Language })
            .SingleOrDefaultAsync(cancellationToken);
        if (owner is null) return null;
        var since = clock.GetUtcNow() - s_history;
        var events = await db.CalendarEvents.AsNoTracking().Where(e => e.UserId == owner.Id && e.End >= since)
            .OrderBy(e => e.Start).ThenBy(e => e.Key).ToListAsync(cancellationToken);
        return Render(owner.Id, owner.DisplayName, owner.Language, events);
    }

    internal static string Render(Guid userId, string displayName, string language, IReadOnlyList<CalendarEventRow> events)
    {
        var english = LocalizedText.IsEnglish(language);
        var ics = new IcsWriter()
            .Begin("VCALENDAR")
            .Raw("VERSION", "2.0")
            .Raw("PRODID", english ? "-//Workflow//Federation reminders//EN" : "-//Workflow//Federation reminders//ZH")
            .Raw("CALSCALE", "GREGORIAN")
            .Raw("METHOD", "PUBLISH")
            .Text("X-WR-CALNAME", english ? $"Federation calendar: {displayName}" : $"妇联日程：{displayName}")
            .Raw("X-WR-TIMEZONE", TimeZoneId);
        // China has kept UTC+8 all year since 1991: one STANDARD observance describes every date a feed holds.
        ics.Begin("VTIMEZONE").Raw("TZID", TimeZoneId).Raw("X-LIC-LOCATION", TimeZoneId)
            .Begin("STANDARD").Raw("DTSTART", "19910915T000000").Raw("TZOFFSETFROM", "+0800").Raw("TZOFFSETTO", "+0800").Raw("TZNAME", "CST").End("STANDARD")
            .End("VTIMEZONE");
        foreach (var e in events)
        {
            ics.Begin("VEVENT")
                .Text("UID", $"{e.Key}:{userId:N}@workflow")
                .Raw("DTSTAMP", IcsWriter.Utc(e.UpdatedAt))
                .Raw("LAST-MODIFIED", IcsWriter.Utc(e.UpdatedAt));
            var (start, end) = (ChinaInstant.Of(e.Start), ChinaInstant.Of(e.End));
            if (e.AllDay)
            {
                ics.Raw("DTSTART;VALUE=DATE", IcsWriter.Date(start.LocalDate))
                    .Raw("DTEND;VALUE=DATE", IcsWriter.Date(end.LocalDate > start.LocalDate ? end.LocalDate : start.LocalDate.AddDays(1)))
                    .Raw("TRANSP", "TRANSPARENT");
            }
            else
            {
                ics.Raw($"DTSTART;TZID={TimeZoneId}", IcsWriter.Local(start.LocalDate.ToDateTime(start.LocalTime)))
                    .Raw($"DTEND;TZID={TimeZoneId}", IcsWriter.Local(end.LocalDate.ToDateTime(end.LocalTime)));
            }
            ics.Text("SUMMARY", english ? e.SummaryEn : e.SummaryZh);
            if (!string.IsNullOrWhiteSpace(e.Location)) ics.Text("LOCATION", e.Location);
            ics.End("VEVENT");
        }
        return ics.End("VCALENDAR").ToString();
    }

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
