using System.Text;
using System.Text.Json.Nodes;
using Workflow.Federation.Reminders;
using Workflow.Server.Robots;

namespace Workflow.Server.Tests.Robots;

/// <summary>What a group reads, and what the platforms' answers mean, without a service around them.</summary>
public sealed class RobotMessagesTests
{
    private static readonly Uri s_site = new(RobotTestSupport.SiteUrl);

    [Fact]
    public void ABodysReminder_LinksTheBodyPage_AndATasksReminder_TheTaskPage_NotTheApi()
    {
        var body = Guid.NewGuid();
        var task = Guid.NewGuid();

        Assert.Equal($"{RobotTestSupport.SiteUrl}bodies/{body}", RobotMessages.PageLink(s_site, ReminderKeys.DutyGroup(body, 2, ReminderKeys.Ahead), null)!.AbsoluteUri);
        Assert.Equal($"{RobotTestSupport.SiteUrl}tasks/{task}", RobotMessages.PageLink(s_site, ReminderKeys.Engine(Guid.NewGuid()), $"/api/tasks/{task}")!.AbsoluteUri);
        Assert.Null(RobotMessages.PageLink(null, ReminderKeys.DutyGroup(body, 2, ReminderKeys.Ahead), null));
    }

    [Fact]
    public void ALongReminder_IsCutToWeComs4096Bytes_AtACharacterBoundary()
    {
        var payload = RobotMessages.Payload(RobotPlatform.WeCom, RobotFormat.Markdown, new RobotMessage("轮值提醒", new string('妇', 3000), null));

        var content = (string)JsonNode.Parse(payload)!["markdown"]!["content"]!;
        Assert.InRange(Encoding.UTF8.GetByteCount(content), 4000, 4096);
        Assert.EndsWith("妇…", content, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(RobotPlatform.WeCom, 45009, RobotOutcome.RateLimited)]
    [InlineData(RobotPlatform.WeCom, 93000, RobotOutcome.Refused)]
    [InlineData(RobotPlatform.DingTalk, 130101, RobotOutcome.RateLimited)]
    [InlineData(RobotPlatform.DingTalk, 660026, RobotOutcome.RateLimited)]
    [InlineData(RobotPlatform.DingTalk, 310000, RobotOutcome.Refused)]
    [InlineData(RobotPlatform.DingTalk, 0, RobotOutcome.Sent)]
    [InlineData(RobotPlatform.DingTalk, 400013, RobotOutcome.Failed)]
    public void AnAnswersErrcode_DecidesBetweenSentWaitDeadAndRetry(RobotPlatform platform, int errcode, RobotOutcome outcome) =>
        Assert.Equal(outcome, RobotMessages.Read(platform, $$"""{"errcode":{{errcode}},"errmsg":"x"}""").Outcome);
}
