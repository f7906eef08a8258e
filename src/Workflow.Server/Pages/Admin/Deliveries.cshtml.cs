using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Workflow.Server.Accounts;
using Workflow.Server.Notifications;
using Workflow.Server.Pages.Site;

namespace Workflow.Server.Pages.Admin;

/// <summary>投递失败: what will not be sent (e-mail, webhooks, group robots, SMS) and why, so an admin can mend an address, a robot or a template.</summary>
[Authorize(Policy = Policies.Admin)]
public sealed class DeliveriesModel(FailedDeliveries letters) : PageModel
{
    private const int ScreenSize = 50;

    [BindProperty(SupportsGet = true)] public DeliveryChannel? Channel { get; set; }
    [BindProperty(SupportsGet = true)] public string? Cursor { get; set; }

    public FailedDeliveryPage Letters { get; private set; } = new([], null);

    public static readonly DeliveryChannel[] Channels = [DeliveryChannel.Email, DeliveryChannel.Webhook, DeliveryChannel.Robot, DeliveryChannel.Sms];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (Channel == DeliveryChannel.InApp) Channel = null;
        Letters = await letters.ListAsync(Channel, Cursor, ScreenSize, cancellationToken);
    }

    public string? OlderLink => Letters.Next is { } next ? Url.Page("/Admin/Deliveries", new { channel = Channel, cursor = next }) : null;
}

public static class DeliveryWords
{
    public static readonly Phrase Title = new("投递失败的消息", "Messages that failed");
    public static readonly Phrase Intro = new("以下消息已停止重试，不会再发送。请根据原因修正地址、机器人或短信模板。消息正文不在此显示。",
        "These messages will not be tried again. Mend the address, robot or SMS template their reason names. Their text is not shown here.");
    public static readonly Phrase None = new("没有投递失败的消息。", "No message has failed.");
    public static readonly Phrase ChannelLabel = new("渠道", "Channel");
    public static readonly Phrase AllChannels = new("全部渠道", "All channels");
    public static readonly Phrase Recipient = new("接收方", "To");
    public static readonly Phrase Target = new("地址", "Address");
    public static readonly Phrase Attempts = new("尝试次数", "Attempts");
    public static readonly Phrase Reason = new("原因", "Reason");
    public static readonly Phrase FailedAt = new("失败时间", "Failed at");
    public static readonly Phrase Older = new("更早的消息", "Older messages");
    public static readonly Phrase Filter = new("筛选", "Filter");

    public static Phrase Of(DeliveryChannel channel) => channel switch
    {
        DeliveryChannel.Email => new("电子邮件", "E-mail"),
        DeliveryChannel.Webhook => new("Webhook", "Webhook"),
        DeliveryChannel.Robot => new("群机器人", "Group robot"),
        DeliveryChannel.Sms => new("短信", "SMS"),
        _ => new("站内", "In-app"),
    };
}
