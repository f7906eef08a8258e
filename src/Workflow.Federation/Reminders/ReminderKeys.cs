using System.Globalization;

namespace Workflow.Federation.Reminders;

/// <summary>
/// Reminder keys: colon-separated segments naming what, (whom) and when, most general first, so that cancelling
/// a prefix (<c>rotation:{body}:</c>) drops exactly that subject's reminders. The key is what makes delivery
/// exactly-once, so it must name one occurrence: the same key is never delivered twice to a person on a channel.
/// </summary>
public static class ReminderKeys
{
    public const int MaxLength = 200;

    /// <summary>Which reminder of a turn: some days ahead, or on its first day.</summary>
    public const string Ahead = "ahead";
    public const string FirstDay = "first-day";

    /// <summary><c>rotation:{bodyId}:{periodNumber}:{ahead|first-day}:{userId}</c> — the incoming rotating chair of a period (numbered from 1).</summary>
    public static string Rotation(Guid bodyId, int periodNumber, string moment, Guid userId) =>
        Join("rotation", Id(bodyId), Index(periodNumber), Moment(moment), Id(userId));

    /// <summary><c>rotation-changed:{bodyId}:{adjustmentNumber}</c> — the people whose periods a swap, skip or rebuild moved.</summary>
    public static string RotationChanged(Guid bodyId, int adjustmentNumber) => Join("rotation-changed", Id(bodyId), Index(adjustmentNumber));

    /// <summary><c>duty-group:{bodyId}:{turnIndex}:{ahead|first-day}</c> — the members of the group on duty.</summary>
    public static string DutyGroup(Guid bodyId, int turnIndex, string moment) =>
        Join("duty-group", Id(bodyId), Index(turnIndex), Moment(moment));

    /// <summary><c>joint-meeting:{groupId}:{year}q{quarter}:{days}d</c> — the invitees, some days before.</summary>
    public static string JointMeeting(Guid meetingGroupId, int year, int quarter, int daysBefore) =>
        Join("joint-meeting", Id(meetingGroupId), Quarter(year, quarter), Index(daysBefore) + "d");

    /// <summary><c>meeting-record:{groupId}:{year}q{quarter}:{remind|escalate}:{n}</c> — the convener, to record attendance and minutes.</summary>
    public static string MeetingRecord(Guid meetingGroupId, int year, int quarter, bool escalation, int number) =>
        Join("meeting-record", Id(meetingGroupId), Quarter(year, quarter), escalation ? "escalate" : "remind", Index(number));

    /// <summary><c>re-election:{bodyId}:{termEnd yyyyMMdd}:{months}m</c>.</summary>
    public static string ReElection(Guid bodyId, DateOnly termEnd, int monthsBefore) =>
        Join("re-election", Id(bodyId), termEnd.ToString("yyyyMMdd", CultureInfo.InvariantCulture), Index(monthsBefore) + "m");

    /// <summary><c>engine:{messageId}</c> — a task reminder, escalation or notify message from the engine; its message id is unique already.</summary>
    public static string Engine(Guid messageId) => Join("engine", Id(messageId));

    /// <summary>The prefix that holds every reminder of a subject, for <see cref="IReminderPlanning.CancelAsync"/>: <c>rotation:{bodyId}:</c>.</summary>
    public static string Prefix(string kindSegment, Guid subjectId) => Join(kindSegment, Id(subjectId)) + ":";

    /// <summary>Calendar entry keys: <c>rotation:{bodyId}:{periodNumber}</c>, <c>duty-group:{bodyId}:{turnIndex}</c>, <c>joint-meeting:{groupId}:{year}q{quarter}</c>.</summary>
    public static string RotationPeriod(Guid bodyId, int periodNumber) => Join("rotation", Id(bodyId), Index(periodNumber));

    /// <summary><c>handover:{periodNumber:000}:{firstDay yyyyMMdd}:{outgoing}:{incoming}</c> — the handover on a period's first day. The date is
    /// part of the key so that a plan whose periods move gets new handovers, and the old ones are withdrawn.</summary>
    public static string Handover(int periodNumber, DateOnly firstDay, string outgoing, string incoming) =>
        Join("handover", periodNumber.ToString("D3", CultureInfo.InvariantCulture), firstDay.ToString("yyyyMMdd", CultureInfo.InvariantCulture), outgoing, incoming);

    public static string DutyTurn(Guid bodyId, int turnIndex) => Join("duty-group", Id(bodyId), Index(turnIndex));

    public static string Meeting(Guid meetingGroupId, int year, int quarter) => Join("joint-meeting", Id(meetingGroupId), Quarter(year, quarter));

    /// <summary>
    /// The body a reminder is about, read from its key (<c>rotation:{bodyId}:…</c>, <c>rotation-changed:</c>, <c>duty-group:</c>,
    /// <c>re-election:</c>), so that a body's group robots hear of its reminders; null for keys about no single body.
    /// </summary>
    public static Guid? BodyOf(string key)
    {
        var segments = key.Split(':', 3);
        return segments.Length >= 2 && segments[0] is "rotation" or "rotation-changed" or "duty-group" or "re-election"
            && Guid.TryParseExact(segments[1], "N", out var id) ? id : null;
    }

    /// <summary>Why a caller-made key is refused, or null when it is fine.</summary>
    public static string? Problem(string key)
    {
        if (string.IsNullOrWhiteSpace(key)) return "a key is required";
        if (key.Length > MaxLength) return $"a key is at most {MaxLength} characters";
        if (key.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))) return "a key has no spaces or control characters";
        if (key.Split(':').Any(s => s.Length == 0)) return "a key's segments (between colons) are not empty";
        return null;
    }

    private static string Join(params string[] segments) => string.Join(':', segments);

    private static string Id(Guid id) => id.ToString("N", CultureInfo.InvariantCulture);

    private static string Index(int index) =>
        index < 0 ? throw new ArgumentOutOfRangeException(nameof(index), index, "indexes in keys are not negative") : index.ToString(CultureInfo.InvariantCulture);

    private static string Quarter(int year, int quarter) =>
        quarter is < 1 or > 4 ? throw new ArgumentOutOfRangeException(nameof(quarter), quarter, "a quarter is 1 to 4")
        : string.Create(CultureInfo.InvariantCulture, $"{year}q{quarter}");

    private static string Moment(string moment) =>
        moment is Ahead or FirstDay ? moment : throw new ArgumentException($"'{moment}' is not '{Ahead}' or '{FirstDay}'", nameof(moment));
}
