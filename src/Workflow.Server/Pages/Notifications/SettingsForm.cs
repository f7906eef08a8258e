using Workflow.Server.Notifications;
using Workflow.Server.Pages.Site;

namespace Workflow.Server.Pages.Notifications;

/// <summary>The 提醒方式 form as posted. An empty mobile field keeps the number on file; <see cref="RemoveMobile"/> removes it.</summary>
public sealed class SettingsForm
{
    public bool InApp { get; set; }
    public bool Email { get; set; }
    public bool Webhook { get; set; }
    public bool Sms { get; set; }
    public string? Mobile { get; set; }
    public bool RemoveMobile { get; set; }
    public bool QuietHours { get; set; }
    public string? QuietFrom { get; set; }
    public string? QuietUntil { get; set; }
    /// <summary>Each reminder or a daily digest for a channel that is ticked (an unticked channel is off whatever its mode).</summary>
    public string? EmailMode { get; set; }
    public string? WebhookMode { get; set; }
    public string? SmsMode { get; set; }

    public NotificationSettingsChange ToChange() => new(InApp, Email, Webhook, QuietHours, Blank(QuietFrom), Blank(QuietUntil), Sms,
        RemoveMobile ? "" : Blank(Mobile), Mode(Email, EmailMode), Mode(Webhook, WebhookMode), Mode(Sms, SmsMode));

    private static string? Mode(bool on, string? mode) => on ? Blank(mode) : nameof(ChannelMode.Off);

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

public static class SettingsWords
{
    public static readonly Phrase Heading = new("提醒方式", "How reminders reach me");
    public static readonly Phrase InApp = new("站内消息", "In the service");
    public static readonly Phrase Email = new("电子邮件", "E-mail");
    public static readonly Phrase EmailMissing = new("（未登记邮箱或未配置邮件服务）", " (no e-mail address on file, or no mail server)");
    public static readonly Phrase Webhook = new("个人 Webhook", "Personal webhook");
    public static readonly Phrase Sms = new("短信", "Text message (SMS)");
    public static readonly Phrase Mobile = new("手机号码", "Mobile number");
    public static readonly Phrase MobileOnFile = new("已登记：{0}。填写新号码可替换。", "On file: {0}. Enter a new number to replace it.");
    public static readonly Phrase RemoveMobile = new("删除已登记的手机号码", "Remove the number on file");
    public static readonly Phrase QuietHours = new("夜间免打扰（北京时间）", "Quiet hours (China time)");
    public static readonly Phrase QuietHelp = new("免打扰期间到期的邮件、Webhook 和短信暂存，结束时送达并标明“夜间暂存”；站内消息照常显示。",
        "E-mail, webhook and text messages falling due in quiet hours wait until they end, marked as held; messages in the service show at once.");
    public static readonly Phrase From = new("开始", "From");
    public static readonly Phrase Until = new("结束", "Until");
    public static readonly Phrase Each = new("逐条提醒", "Each reminder");
    public static readonly Phrase Digest = new("每日摘要（北京时间 {0}）", "Daily digest ({0} China time)");
    public static readonly Phrase Modes = new("逐条提醒或每日摘要", "Each reminder or a daily digest");
    public static readonly Phrase ModesHelp = new("选择每日摘要的渠道，每天北京时间 {0} 收到一条消息：今日到期、已逾期和新增的事项，各附链接；当天无事则不发。站内消息始终逐条显示。",
        "A channel set to the digest brings one message a day at {0} China time: what is due today, what is overdue and what is new, each with a link; nothing on an empty day. Messages in the service always show one by one.");
    public static readonly Phrase Save = new("保存提醒方式", "Save");
    public static readonly Phrase Saved = new("提醒方式已保存。", "Your reminder settings are saved.");

    /// <summary>What a refused field means, in the page's language (the API's own reasons are English).</summary>
    public static string Refused(string field) => field.ToLowerInvariant() switch
    {
        "mobile" => new Phrase("请填写 11 位大陆手机号码（可加 +86）", "give an 11-digit mainland mobile number (+86 optional)"),
        "emailmode" or "webhookmode" or "smsmode" => new Phrase("请选择逐条提醒或每日摘要", "choose each reminder or a daily digest"),
        "sms" => new Phrase("接收短信需要先登记手机号码", "give a mobile number to receive text messages"),
        "quietfrom" or "quietuntil" => new Phrase("请按 时:分 填写（如 21:00），且开始与结束不能相同", "use hh:mm (such as 21:00), with different start and end"),
        _ => new Phrase("未能保存，请检查后重试", "not saved: check and try again"),
    };
}
