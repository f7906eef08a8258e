namespace Workflow.Server.Email;

/// <summary>Configuration section <c>Smtp</c>. Without a host the e-mail channel is off.</summary>
public sealed record SmtpOptions
{
    public const string Section = "Smtp";

    public string? Host { get; init; }

    public int Port { get; init; } = 25;

    public string From { get; init; } = "workflow@localhost";

    public string? UserName { get; init; }

    public string? Password { get; init; }

    /// <summary>TLS from the first byte on port 465, STARTTLS elsewhere; off sends in clear (a relay on the same host).</summary>
    public bool UseTls { get; init; }

    public int TimeoutSeconds { get; init; } = 30;

    public bool Enabled => !string.IsNullOrWhiteSpace(Host);
}
