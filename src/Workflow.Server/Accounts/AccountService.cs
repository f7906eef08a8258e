using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Workflow.Server.Problems;
using Workflow.Server.Storage;

namespace Workflow.Server.Accounts;

/// <summary>Sign-in with lockout, refresh-token rotation and revocation, password changes.</summary>
public sealed class AccountService(
    IDbContextFactory<ServiceDbContext> contexts,
    TokenIssuer tokens,
    IPasswordHasher<UserRow> hasher,
    SessionGuard sessions,
    SignInLockout lockout,
    IOptions<AuthOptions> options,
    TimeProvider clock)
{
    private static readonly RefusalException s_badCredentials = new(RefusalKind.Unauthenticated, "invalid-credentials", "用户名或密码错误 / Wrong user name or password");

    public async Task<TokenPair> SignInAsync(string userName, string password, CancellationToken cancellationToken)
    {
        // No account has a longer name or password: refused before any look-up, so it is neither counted nor hashed, and the
        // answer is the same whether the name exists or not.
        if (userName.Length > UserDirectory.MaxUserNameLength || password.Length > PasswordPolicy.MaximumLength)
            throw Refusal.Validation(userName.Length > UserDirectory.MaxUserNameLength
                ? ("userName", $"至多 {UserDirectory.MaxUserNameLength} 个字符（at most {UserDirectory.MaxUserNameLength} characters）")
                : ("password", $"至多 {PasswordPolicy.MaximumLength} 个字符（at most {PasswordPolicy.MaximumLength} characters）"));
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var user = await VerifyAsync(db, userName, password, cancellationToken);
        return await IssueAsync(db, user, cancellationToken);
    }

    /// <summary>The same check as <see cref="SignInAsync"/>, lockout included, for a page session: the account, no tokens.</summary>
    public async Task<UserRow> SignInForPageAsync(string userName, string password, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var user = await VerifyAsync(db, userName, password, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return user;
    }

    private async Task<UserRow> VerifyAsync(ServiceDbContext db, string userName, string password, CancellationToken cancellationToken)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.UserName == userName, cancellationToken);
        if (user is null || !user.Active)
        {
            // Answered like a real account in status, body and time, so neither lockout nor timing reveals which names exist.
            await lockout.ThrowIfLockedAsync(userName, cancellationToken);
            hasher.VerifyHashedPassword(s_nobody, s_dummyHash, password);
            await lockout.CountFailureAsync(userName, cancellationToken);
            throw s_badCredentials;
        }
        lockout.ThrowIfLocked(user.LockedUntil);

        var check = hasher.VerifyHashedPassword(user, user.PasswordHash, password);
        if (check == PasswordVerificationResult.Failed)
        {
            await lockout.CountFailureAsync(db, user.Id, cancellationToken);
            throw s_badCredentials;
        }
        if (check == PasswordVerificationResult.SuccessRehashNeeded) user.PasswordHash = hasher.HashPassword(user, password);
        user.FailedSignIns = 0;
        user.LockedUntil = null;
        return user;
    }

    public async Task<TokenPair> RefreshAsync(string refreshToken, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var hash = TokenIssuer.Hash(refreshToken);
        var row = await db.RefreshTokens.SingleOrDefaultAsync(t => t.TokenHash == hash, cancellationToken);
        var now = clock.GetUtcNow();
        var invalid = new RefusalException(RefusalKind.Unauthenticated, "invalid-refresh-token", "登录已失效 / Session expired", "the refresh token is unknown, expired or revoked");
        if (row is null || row.ExpiresAt <= now) throw invalid;
        if (row.RevokedAt is not null)
        {
            // A token already exchanged for a new one, presented again, was copied: end every session of that person. One
            // revoked by signing out is merely stale, and must not end the session of someone who has signed in since.
            if (row.ReplacedBy is not null)
                await sessions.EndSessionsAsync(db, await db.Users.SingleAsync(u => u.Id == row.UserId, cancellationToken), cancellationToken);
            throw invalid;
        }
        var user = await db.Users.SingleAsync(u => u.Id == row.UserId, cancellationToken);
        if (!user.Active) throw invalid;
        row.RevokedAt = now;
        var pair = await IssueAsync(db, user, cancellationToken, replacing: row);
        return pair;
    }

    public async Task SignOutAsync(string refreshToken, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var hash = TokenIssuer.Hash(refreshToken);
        await db.RefreshTokens.Where(t => t.TokenHash == hash && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, clock.GetUtcNow()), cancellationToken);
    }

    public async Task<TokenPair> ChangePasswordAsync(Guid userId, string currentPassword, string newPassword, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var user = await ChangePasswordAsync(db, userId, currentPassword, newPassword, cancellationToken);
        return await IssueAsync(db, user, cancellationToken);
    }

    /// <summary>The same change for a page session: the account with its new stamp, for the session that goes on.</summary>
    public async Task<UserRow> ChangePasswordForPageAsync(Guid userId, string currentPassword, string newPassword, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await ChangePasswordAsync(db, userId, currentPassword, newPassword, cancellationToken);
    }

    private async Task<UserRow> ChangePasswordAsync(ServiceDbContext db, Guid userId, string currentPassword, string newPassword, CancellationToken cancellationToken)
    {
        PasswordPolicy.Check(newPassword);
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, cancellationToken) ?? throw s_badCredentials;
        if (hasher.VerifyHashedPassword(user, user.PasswordHash, currentPassword) == PasswordVerificationResult.Failed) throw s_badCredentials;
        if (currentPassword == newPassword) throw Refusal.Validation(("newPassword", "新密码须与当前密码不同（must differ from the current password）"));
        user.PasswordHash = hasher.HashPassword(user, newPassword);
        user.MustChangePassword = false;
        // Every other session ends; the one that changed the password goes on with the fresh pair returned here.
        await sessions.EndSessionsAsync(db, user, cancellationToken);
        return user;
    }

    /// <summary>Ends every session of the caller, this one included: on a lost phone or a shared computer.</summary>
    public async Task SignOutEverywhereAsync(Guid userId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is not null) await sessions.EndSessionsAsync(db, user, cancellationToken);
    }

    private async Task<TokenPair> IssueAsync(ServiceDbContext db, UserRow user, CancellationToken cancellationToken, RefreshTokenRow? replacing = null)
    {
        var (access, expires) = tokens.AccessToken(user);
        var refresh = TokenIssuer.NewRefreshToken();
        var now = clock.GetUtcNow();
        var row = new RefreshTokenRow { TokenHash = TokenIssuer.Hash(refresh), UserId = user.Id, CreatedAt = now, ExpiresAt = now.AddDays(options.Value.RefreshTokenDays) };
        if (replacing is not null) replacing.ReplacedBy = row.TokenHash;
        db.RefreshTokens.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        return new TokenPair(access, expires, refresh, row.ExpiresAt, user.MustChangePassword);
    }

    private static readonly string s_dummyHash = new PasswordHasher<object>().HashPassword(new object(), Guid.NewGuid().ToString());

    private static readonly UserRow s_nobody = new() { Id = Guid.Empty, UserName = "", DisplayName = "", PasswordHash = "", Roles = "", RegionCode = "", CreatedAt = DateTimeOffset.UnixEpoch };
}
