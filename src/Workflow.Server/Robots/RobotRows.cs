using Microsoft.EntityFrameworkCore;

namespace Workflow.Server.Robots;

public enum RobotPlatform
{
    /// <summary>企业微信群机器人: <c>https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…</c>.</summary>
    WeCom,
    /// <summary>钉钉自定义机器人: <c>https://oapi.dingtalk.com/robot/send?access_token=…</c>, signed when it has a secret.</summary>
    DingTalk,
}

public enum RobotFormat
{
    Markdown,
    Text,
}

/// <summary>
/// A work group's robot, set up for one body (its chairs' group) or for a region (every reminder reaching someone there).
/// The URL carries the robot's key, so it is a secret as much as DingTalk's signing secret: both are kept encrypted with
/// data protection and never shown again in full.
/// </summary>
public sealed class RobotRow
{
    public required Guid Id { get; init; }
    public required RobotPlatform Platform { get; init; }
    public Guid? BodyId { get; init; }
    /// <summary>The body's region for a body's robot (whose officers manage it), or the region a region's robot serves.</summary>
    public required string RegionCode { get; init; }
    public required string Name { get; set; }
    public RobotFormat Format { get; set; }
    public required string ProtectedUrl { get; set; }
    public string? ProtectedSecret { get; set; }
    /// <summary>What the API shows of the URL, worked out when it was set.</summary>
    public required string UrlHint { get; set; }
    public bool Active { get; set; } = true;
    public required DateTimeOffset CreatedAt { get; init; }
    public required string CreatedBy { get; init; }

    /// <summary>Until then one node is sending this robot's messages; the others leave it alone.</summary>
    public DateTimeOffset BusyUntil { get; set; }

    /// <summary>When the messages of the last minute were sent (UTC ticks, comma-separated): the window the rate limit is counted in.</summary>
    public string RecentSends { get; set; } = "";
}

internal static class RobotModel
{
    public static void Configure(ModelBuilder modelBuilder) => modelBuilder.Entity<RobotRow>(e =>
    {
        e.ToTable("robots");
        e.HasKey(x => x.Id);
        e.HasIndex(x => x.BodyId);
        e.HasIndex(x => x.RegionCode);
    });
}
