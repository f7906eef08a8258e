namespace Workflow.Server.Robots;

/// <summary>
/// Configuration section <c>Robots</c>. Both platforms allow a robot about 20 messages a minute (WeCom: 20 per minute per
/// robot; DingTalk: 20 per minute, then it answers 130101 and blocks the robot for a while), so at most
/// <see cref="MessagesPerWindow"/> leave for one robot within any <see cref="Window"/>; the rest wait in the outbox. The
/// window is counted <see cref="Margin"/> longer than the platform's: a send is counted as it starts, and it reaches the
/// platform a little later, by a varying delay.
/// </summary>
public sealed record RobotOptions(int MessagesPerWindow, TimeSpan Window, TimeSpan Margin, TimeSpan Tick, TimeSpan RateLimitedWait, TimeSpan Timeout, int Parallel, Uri? SiteUrl)
{
    public const string Section = "Robots";

    public static RobotOptions From(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        // Site:Url is the one public root of every channel's links; the two older names still work.
        var site = configuration.GetValue<string?>("Site:Url") ?? section.GetValue<string?>("SiteUrl") ?? configuration.GetValue<string?>("Server:PublicUrl");
        return new(
            Math.Max(1, section.GetValue("MessagesPerMinute", 20)),
            TimeSpan.FromSeconds(Math.Max(1, section.GetValue("WindowSeconds", 60.0))),
            TimeSpan.FromSeconds(Math.Max(0, section.GetValue("MarginSeconds", 3.0))),
            TimeSpan.FromSeconds(Math.Max(0.05, section.GetValue("TickSeconds", 1.0))),
            TimeSpan.FromSeconds(Math.Max(1, section.GetValue("RateLimitedWaitSeconds", 60.0))),
            TimeSpan.FromSeconds(Math.Max(1, section.GetValue("TimeoutSeconds", 10.0))),
            Math.Max(1, section.GetValue("Parallel", 8)),
            Uri.TryCreate(site, UriKind.Absolute, out var url) ? url : null);
    }
}
