using System.Globalization;
using System.Text;
using System.Text.Json;
using Workflow.Federation.Reminders;
using Workflow.Server.Email;
using Workflow.Server.Notifications;
using Workflow.Server.Robots;
using Workflow.Server.Sms;
using Workflow.Server.Webhooks;

namespace Workflow.Server.Reminders;

/// <summary>One line of a digest: what it is about and the absolute link to the page where the work is done.</summary>
public sealed record DigestItem(LocalizedText Subject, string? Link);

/// <summary>
/// A digest's three parts. Overdue are the escalations (a task past its time) and reminders that came late; new are the
/// other reminders since the last digest; due today are those still to fall due before midnight, China time.
/// </summary>
public sealed record DigestLines(IReadOnlyList<DigestItem> DueToday, IReadOnlyList<DigestItem> Overdue, IReadOnlyList<DigestItem> New)
{
    public bool IsEmpty => DueToday.Count + Overdue.Count + New.Count == 0;

    public static DigestLines Of(IReadOnlyList<ReminderRow> dueToday, IReadOnlyList<ReminderRow> carried, Uri? site)
    {
        DigestItem Item(ReminderRow r) => new(new LocalizedText(r.SubjectZh, r.SubjectEn), RobotMessages.PageLink(site, r.Key, r.Link)?.AbsoluteUri ?? r.Link);
        bool Overdue(ReminderRow r) => r.Kind == ReminderKind.TaskEscalation || r.Late;
        return new([.. dueToday.Select(Item)], [.. carried.Where(Overdue).OrderBy(r => r.DueAt).Select(Item)],
            [.. carried.Where(r => !Overdue(r)).OrderBy(r => r.DueAt).Select(Item)]);
    }

    public LocalizedText Subject(DateOnly day)
    {
        var date = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return new LocalizedText($"每日提醒摘要 {date}：今日到期 {DueToday.Count} 项，逾期 {Overdue.Count} 项，新增 {New.Count} 项",
            $"Daily digest {date}: {DueToday.Count} due today, {Overdue.Count} overdue, {New.Count} new");
    }

    public LocalizedText Body() => new(Text(false), Text(true));

    /// <summary>The payload of the digest on its channel, fixed at insert like every delivery's.</summary>
    public static string Payload(DeliveryChannel channel, DigestLines lines, Person person, DateOnly day, Guid id, string key, DateTimeOffset at,
        string? smsTemplate, Uri? site)
    {
        var subject = lines.Subject(day);
        var inbox = site is null ? "/tasks" : new Uri(site, "/tasks").AbsoluteUri;
        return channel switch
        {
            DeliveryChannel.Email => JsonSerializer.Serialize(new EmailPayload(person.Email!, person.DisplayName, subject.For(person.Language), lines.Body().For(person.Language)),
                ReminderSweep.Json),
            DeliveryChannel.Sms => SmsSender.Payload(new SmsMessage(person.Mobile!, smsTemplate!, [
                new("today", Count(lines.DueToday)), new("overdue", Count(lines.Overdue)), new("new", Count(lines.New)), new("code", ShortLinks.CodeFor("/tasks"))])),
            _ => JsonSerializer.Serialize(new WebhookPayload(id, key, ReminderKind.Notify, at, false, null, person.Language,
                [new WebhookRecipient(person.Id, person.UserName, person.DisplayName, person.RegionCode)], subject, lines.Body(), inbox), ReminderSweep.Json),
        };
    }

    private static string Count(IReadOnlyList<DigestItem> items) => items.Count.ToString(CultureInfo.InvariantCulture);

    private string Text(bool english)
    {
        var text = new StringBuilder();
        Part(text, english ? "Due today" : "今日到期", DueToday, english);
        Part(text, english ? "Overdue" : "已逾期", Overdue, english);
        Part(text, english ? "New since the last digest" : "上次摘要以来新增", New, english);
        return text.ToString().TrimEnd();
    }

    private static void Part(StringBuilder text, string heading, IReadOnlyList<DigestItem> items, bool english)
    {
        if (items.Count == 0) return;
        text.Append(heading).Append(english ? $" ({items.Count}):" : $"（{items.Count}）：").Append('\n');
        foreach (var item in items)
            text.Append("· ").Append(english ? item.Subject.En : item.Subject.Zh).Append(item.Link is null ? "" : "  " + item.Link).Append('\n');
        text.Append('\n');
    }
}
