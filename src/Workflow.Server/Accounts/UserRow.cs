using System.Security.Cryptography;

namespace Workflow.Server.Accounts;

public sealed class UserRow
{
    public required Guid Id { get; init; }
    public required string UserName { get; init; }
    public required string DisplayName { get; set; }
    public required string PasswordHash { get; set; }
    /// <summary>Comma-separated <see cref="Roles"/> names.</summary>
    public required string Roles { get; set; }
    public string? ApproverKind { get; set; }
    public required string RegionCode { get; set; }
    public string? Email { get; set; }
    /// <summary>A mainland mobile number (11 digits, see <c>Sms.SmsOptions.NormalizeMobile</c>) for SMS reminders; shown masked.</summary>
    public string? Mobile { get; set; }
    public string Language { get; set; } = "zh-CN";
    public bool Active { get; set; } = true;
    /// <summary>Set for a generated one-time password: the person must choose their own before doing anything else.</summary>
    public bool MustChangePassword { get; set; }
    public int FailedSignIns { get; set; }
    public DateTimeOffset? LockedUntil { get; set; }
    public required DateTimeOffset CreatedAt { get; init; }
    public int Revision { get; set; }
    /// <summary>
    /// Every access token carries the stamp it was issued with; a new stamp ends them all at once (deactivation, a password
    /// reset or change, sign-out everywhere, new roles or region). See <see cref="SessionGuard"/>.
    /// </summary>
    public string SecurityStamp { get; private set; } = NewSecurityStamp();

    public IReadOnlyList<string> RoleList => Roles.Split(',', StringSplitOptions.RemoveEmptyEntries);

    public void RenewSecurityStamp() => SecurityStamp = NewSecurityStamp();

    private static string NewSecurityStamp() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
}

public sealed class RefreshTokenRow
{
    /// <summary>SHA-256 of the token: a stolen database does not hand out sessions.</summary>
    public required string TokenHash { get; init; }
    public required Guid UserId { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset ExpiresAt { get; init; }
    public DateTimeOffset? RevokedAt { get; set; }
    /// <summary>Set when the token was exchanged for a new one: presented again, it was copied (see <see cref="AccountService.RefreshAsync"/>).</summary>
    public string? ReplacedBy { get; set; }
}
