using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Workflow.Server.Storage;

namespace Workflow.Server.Accounts;

/// <summary>
/// Ends access when it should end rather than when the access token expires. Each token carries its user's security stamp;
/// each request compares it with the user row, read through a cache of <see cref="AuthOptions.SessionCheckSeconds"/>
/// (on the service's clock) so that a busy client does not query the database on every call. A stamp changed on this node is
/// seen at once; another node sees it when its cache entry lapses, within that time.
/// </summary>
public sealed class SessionGuard(IDbContextFactory<ServiceDbContext> contexts, IMemoryCache cache, IOptions<AuthOptions> options, TimeProvider clock)
{
    public async Task<bool> IsCurrentAsync(ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        var stamp = principal.FindFirstValue(Caller.SecurityStampClaim);
        if (stamp is null || !Guid.TryParse(principal.FindFirstValue("sub"), out var userId)) return false;
        var now = clock.GetUtcNow();
        var trusted = TimeSpan.FromSeconds(options.Value.SessionCheckSeconds);
        // Judged on the service's clock, the one that ends tokens; the cache's own expiry only bounds its memory.
        if (!cache.TryGetValue(CacheKey(userId), out ReadStamp? read) || read is null || now - read.At >= trusted || now < read.At)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            // A deactivated account has no current stamp, whatever its row holds.
            var current = await db.Users.AsNoTracking().Where(u => u.Id == userId && u.Active).Select(u => u.SecurityStamp).SingleOrDefaultAsync(cancellationToken);
            read = new ReadStamp(current, now);
            cache.Set(CacheKey(userId), read, trusted > TimeSpan.FromMinutes(1) ? trusted : TimeSpan.FromMinutes(1));
        }
        return string.Equals(read.Stamp, stamp, StringComparison.Ordinal);
    }

    /// <summary>Ends every session of <paramref name="user"/>: its access tokens stop at the next request and its refresh tokens are revoked. Saves <paramref name="db"/>.</summary>
    public async Task EndSessionsAsync(ServiceDbContext db, UserRow user, CancellationToken cancellationToken)
    {
        user.RenewSecurityStamp();
        await db.RefreshTokens.Where(t => t.UserId == user.Id && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, clock.GetUtcNow()), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        Forget(user.Id);
    }

    /// <summary>After a user's stamp was saved: this node stops trusting the cached one at once.</summary>
    public void Forget(Guid userId) => cache.Remove(CacheKey(userId));

    private static string CacheKey(Guid userId) => "security-stamp:" + userId.ToString("N");

    private sealed record ReadStamp(string? Stamp, DateTimeOffset At);
}

/// <summary>A well-signed access token whose session was ended (see <see cref="SessionGuard"/>).</summary>
public sealed class SessionEndedException() : Exception("the session has ended (signed out everywhere, password changed or account deactivated): sign in again");
