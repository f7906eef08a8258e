using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Workflow.Persistence.Storage;
using Workflow.Server.Problems;
using Workflow.Server.Storage;

namespace Workflow.Server.Accounts;

/// <summary>
/// Failed sign-ins count towards a lock the same way whether the name has an active account or not: a real account keeps
/// its count in its row, any other name in <c>sign_in_failures</c>. Otherwise only real names would ever answer 423, and
/// repeated guesses would tell which accounts exist. Both live in the database, so every node counts the same failures.
/// </summary>
public sealed class SignInLockout(IDbContextFactory<ServiceDbContext> contexts, IOptions<AuthOptions> options, TimeProvider clock)
{
    /// <summary>Bounds what someone spraying random names can store; beyond it new names are not counted until old ones lapse.</summary>
    public const int MaxTrackedNames = 10_000;

    /// <summary>A real account keeps its count until a sign-in succeeds; a day without attempts is as good a guess as any for other names.</summary>
    private static readonly TimeSpan s_forgottenAfter = TimeSpan.FromDays(1);

    private const int ConflictRetries = 5;

    public static RefusalException Locked(DateTimeOffset until) => new(RefusalKind.Locked, "account-locked", "账号已锁定 / Account locked",
        $"too many failed sign-ins; try again after {until:O}", new Dictionary<string, object?> { ["lockedUntil"] = until });

    /// <summary>Throws 423 while <paramref name="lockedUntil"/> lies ahead.</summary>
    public void ThrowIfLocked(DateTimeOffset? lockedUntil)
    {
        if (lockedUntil is { } until && until > clock.GetUtcNow()) throw Locked(until);
    }

    /// <summary>
    /// One more failure of a real account, counted in its row by one UPDATE (each side of it reads the row as it was), so that
    /// failures on two nodes at once both count.
    /// </summary>
    public Task CountFailureAsync(ServiceDbContext db, Guid userId, CancellationToken cancellationToken)
    {
        var threshold = options.Value.LockoutThreshold;
        DateTimeOffset? until = clock.GetUtcNow().AddMinutes(options.Value.LockoutMinutes);
        return db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(s => s
            .SetProperty(u => u.FailedSignIns, u => u.FailedSignIns + 1 >= threshold ? 0 : u.FailedSignIns + 1)
            .SetProperty(u => u.LockedUntil, u => u.FailedSignIns + 1 >= threshold ? until : u.LockedUntil), cancellationToken);
    }

    /// <summary>One more failure: the new count, and the end of the lock when this failure reaches the threshold.</summary>
    private (int Failures, DateTimeOffset? LockedUntil) AfterFailure(int failures, DateTimeOffset? lockedUntil) =>
        failures + 1 >= options.Value.LockoutThreshold
            ? (0, clock.GetUtcNow().AddMinutes(options.Value.LockoutMinutes))
            : (failures + 1, lockedUntil);

    public async Task ThrowIfLockedAsync(string nameWithoutAccount, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var key = Key(nameWithoutAccount);
        ThrowIfLocked(await db.SignInFailures.AsNoTracking().Where(r => r.NameHash == key).Select(r => r.LockedUntil).SingleOrDefaultAsync(cancellationToken));
    }

    public async Task CountFailureAsync(string nameWithoutAccount, CancellationToken cancellationToken)
    {
        var key = Key(nameWithoutAccount);
        for (var attempt = 0; ; attempt++)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var now = clock.GetUtcNow();
            var row = await db.SignInFailures.SingleOrDefaultAsync(r => r.NameHash == key, cancellationToken);
            if (row is null)
            {
                var lapsed = now - s_forgottenAfter;
                await db.SignInFailures.Where(r => r.LastFailureAt < lapsed).ExecuteDeleteAsync(cancellationToken);
                if (await db.SignInFailures.CountAsync(cancellationToken) >= MaxTrackedNames) return;
                row = new SignInFailureRow { NameHash = key, LastFailureAt = now };
                db.SignInFailures.Add(row);
            }
            else if (row.LastFailureAt < now - s_forgottenAfter)
            {
                (row.Failures, row.LockedUntil) = (0, null);
            }
            (row.Failures, row.LockedUntil) = AfterFailure(row.Failures, row.LockedUntil);
            row.LastFailureAt = now;
            row.Revision++;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return;
            }
            catch (DbUpdateException conflict) when (attempt < ConflictRetries && StorageErrors.IsConflict(conflict))
            {
                // Another node counted a failure of the same name meanwhile: count this one on top of it.
            }
        }
    }

    // User names compare without case (the column's NOCASE collation); hashing keeps every key the same small size.
    private static string Key(string userName) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(userName.Trim().ToUpperInvariant())));
}
