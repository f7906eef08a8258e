using Workflow.Federation.Reminders;
using Workflow.Federation.Rotations;
using Workflow.Server.Notifications;
using Workflow.Server.Pages.Admin;
using Workflow.Server.Pages.Site;

namespace Workflow.Server.Pages.Bodies;

/// <summary>A rotation period's planned reminders as the body page lists them: when each goes out, and what became of it.</summary>
public static class ReminderWords
{
    public static readonly Phrase Ahead = new("提前提醒", "Reminder ahead");
    public static readonly Phrase FirstDay = new("首日提醒", "First-day reminder");
    public static readonly Phrase Late = new("（延迟送达）", " (late)");
    public static readonly Phrase NonePlanned = new("无提醒（计划时已过）", "No reminders (past when planned)");
    private static readonly Phrase s_line = new("{0} {1} {2}", "{0}, {1}: {2}");

    /// <summary>The period's reminders on one line, in the order they go out.</summary>
    public static string Of(RotationPeriodView period) =>
        period.Reminders.Count == 0 ? NonePlanned : string.Join(Phrase.IsEnglish ? "; " : "；", period.Reminders.OrderBy(r => r.DueAt).Select(Line));

    private static string Line(PeriodReminderView reminder)
    {
        var moment = reminder.Moment == ReminderKeys.Ahead ? Ahead : FirstDay;
        var channels = reminder.Deliveries.Select(d => $"{Channel(d.Channel)}{Outcome(d.State)}").Distinct().ToList();
        var delivered = channels.Count == 0 ? "" : Text.InBrackets(string.Join("、", channels));
        return s_line.Format(moment.ToString(), PeopleDates.DateTime(reminder.DueAt), $"{Stage(reminder.Stage)}{(reminder.Late ? Late : "")}{delivered}");
    }

    private static string Stage(ReminderStage stage) => stage switch
    {
        ReminderStage.Scheduled => new Phrase("待发送", "scheduled"),
        ReminderStage.Delivered => new Phrase("已发出", "sent"),
        ReminderStage.Dropped => new Phrase("过时未发", "dropped, too late"),
        _ => new Phrase("已取消", "cancelled"),
    };

    // The reminder port names channels in camelCase (inApp, sms): the dead-letter page's words name them the same way.
    private static string Channel(string channel) =>
        DeliveryWords.Of(Enum.TryParse<DeliveryChannel>(channel, ignoreCase: true, out var known) ? known : DeliveryChannel.InApp);

    private static string Outcome(string state) => state switch
    {
        "dead" => new Phrase("失败", " failed"),
        "pending" => new Phrase("发送中", " sending"),
        "folded" => new Phrase("并入每日汇总", " in the daily digest"),
        _ => "",
    };
}
