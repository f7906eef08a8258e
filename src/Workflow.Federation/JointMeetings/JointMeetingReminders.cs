using System.Globalization;
using Workflow.Federation.Reminders;

namespace Workflow.Federation.JointMeetings;

/// <summary>A joint meeting's reminders and calendar entry, for <see cref="IReminderPlanning"/>.</summary>
public static class JointMeetingReminders
{
    /// <summary>
    /// A quarterly joint meeting (seed 004): in the invitees' and the convener's calendars, with the reminders before it.
    /// The recording task after it is a workflow user task (<c>workflows/joint-meeting-record.json</c>), whose reminders
    /// and escalation the engine sends.
    /// </summary>
    public static ReminderPlan Plan(Guid meetingGroupId, string groupName, JointMeetingProposal meeting, Guid convener, IReadOnlyList<Guid> invitees,
        DateTimeOffset after, string? location = null, TimeSpan? duration = null)
    {
        var people = invitees.Prepend(convener).Distinct().ToList();
        var start = meeting.Start;
        var time = start.LocalTime.ToString("HH:mm", CultureInfo.InvariantCulture);
        var place = location is null ? "" : $"，地点：{location}";
        var placeEn = location is null ? "" : $", at {location}";
        var moved = meeting.Moved is null ? "" : $"（{meeting.Moved.Zh}）";
        var movedEn = meeting.Moved is null ? "" : $" ({meeting.Moved.En})";
        var events = new List<PlannedCalendarEvent>
        {
            new(ReminderKeys.Meeting(meetingGroupId, meeting.Year, meeting.Quarter), people, start.Utc, start.Utc + (duration ?? TimeSpan.FromHours(2)), false,
                new LocalizedText($"{groupName}联席会（{meeting.Year}年第{meeting.Quarter}季度）", $"Joint meeting of {groupName} ({meeting.Year} Q{meeting.Quarter})"), location),
        };
        var reminders = meeting.Reminders.Select(at =>
        {
            var days = start.LocalDate.DayNumber - at.LocalDate.DayNumber;
            return new PlannedReminder(ReminderKeys.JointMeeting(meetingGroupId, meeting.Year, meeting.Quarter, days), ReminderKind.JointMeeting, at.Utc,
                ReminderAudience.People(people),
                new LocalizedText($"联席会提醒：{groupName}", $"Joint meeting on {ReminderParts.En(start.LocalDate)}: {groupName}"),
                new LocalizedText(
                    $"{groupName}各妇联主席联席会定于{ReminderParts.Zh(start.LocalDate)} {time}召开{moved}{place}，邀请镇分管领导、妇联主席商讨工作计划、活动方案。",
                    $"The joint meeting of the federation chairs of {groupName} is on {ReminderParts.En(start.LocalDate)} at {time} (China time){movedEn}{placeEn}; town leaders are invited to discuss the work plan and activities."));
        });
        return new ReminderPlan(reminders.Where(r => r.DueAt > after).ToList(), events);
    }
}
