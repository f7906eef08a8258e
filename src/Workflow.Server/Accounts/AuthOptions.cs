namespace Workflow.Server.Accounts;

/// <summary>Section <c>Auth</c>. Leave <see cref="Authority"/> empty to sign people in here; set it to trust an external identity provider instead.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    public string Issuer { get; set; } = "workflow";
    public string Audience { get; set; } = "workflow-api";
    /// <summary>Base64 HMAC-SHA256 key of at least 32 bytes; when empty one is generated on first start and kept in the data folder.</summary>
    public string? SigningKey { get; set; }
    public string? Authority { get; set; }
    public int AccessTokenMinutes { get; set; } = 15;
    public int RefreshTokenDays { get; set; } = 14;
    public int LockoutThreshold { get; set; } = 5;
    public int LockoutMinutes { get; set; } = 15;
    /// <summary>How long a node trusts the security stamp it read for a user; another node ends a session within this time.</summary>
    public int SessionCheckSeconds { get; set; } = 5;
    /// <summary>A page session ends after this long without a request (sliding; decision 0003).</summary>
    public int PageSessionIdleMinutes { get; set; } = 120;
    /// <summary>A page session ends this long after sign-in however busy it is: one working day.</summary>
    public int PageSessionMaxHours { get; set; } = 12;
}
