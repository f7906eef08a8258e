using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Workflow.Server.Problems;

namespace Workflow.Server.Accounts;

/// <summary>
/// Failed sign-ins count towards a lock the same way whether the name has an active account or not: a real account keeps
/// its count in its row, any other name here in memory. Otherwise only real names would ever answer 423, and repeated
/// guesses would tell which accounts exist.
/// </summary>
public sealed class SignInLockout(IOptions<AuthOptions> options, TimeProvider clock) : IDisposable
{
    /// <summary>Bounds the memory someone spraying random names can take; beyond it new names are not counted until old ones lapse.</summary>
    public const int MaxTrackedNames = 10_000;

    private readonly MemoryCache _namesWithoutAccount = new(new MemoryCacheOptions { SizeLimit = MaxTrackedNames });

    public static ProblemException Locked(DateTimeOffset until) => new(423, "account-locked", "账号已锁定 / Account locked",
        $"too many failed sign-ins; try again after {until:O}", new Dictionary<string, object?> { ["lockedUntil"] = until });

    /// <summary>Throws 423 while <paramref name="lockedUntil"/> lies ahead.</summary>
    public void ThrowIfLocked(DateTimeOffset? lockedUntil)
    {
        if (lockedUntil is { } until && until > clock.GetUtcNow()) throw Locked(until);
    }

    /// <summary>One more failure: the new count, and the end of the lock when this failure reaches the threshold.</summary>
    public (int Failures, DateTimeOffset? LockedUntil) AfterFailure(int failures, DateTimeOffset? lockedUntil) =>
        failures + 1 >= options.Value.LockoutThreshold
            ? (0, clock.GetUtcNow().AddMinutes(options.Value.LockoutMinutes))
            : (failures + 1, lockedUntil);

    public void ThrowIfLocked(string nameWithoutAccount)
    {
        if (_namesWithoutAccount.TryGetValue(Key(nameWithoutAccount), out FailureCount? count))
            lock (count!) ThrowIfLocked(count.LockedUntil);
    }

    public void CountFailure(string nameWithoutAccount)
    {
        var count = _namesWithoutAccount.GetOrCreate(Key(nameWithoutAccount), entry =>
        {
            entry.Size = 1;
            // A real account keeps its count until a sign-in succeeds; a day without attempts is as good a guess as any here.
            entry.SlidingExpiration = TimeSpan.FromDays(1);
            return new FailureCount();
        })!;
        lock (count) (count.Failures, count.LockedUntil) = AfterFailure(count.Failures, count.LockedUntil);
    }

    public void Dispose() => _namesWithoutAccount.Dispose();

    // User names compare without case (the column's NOCASE collation); hashing keeps every key the same small size.
    private static string Key(string userName) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(userName.Trim().ToUpperInvariant())));

    private sealed class FailureCount
    {
        public int Failures { get; set; }
        public DateTimeOffset? LockedUntil { get; set; }
    }
}
