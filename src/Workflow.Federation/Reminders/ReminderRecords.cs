using Workflow.Engine;

namespace Workflow.Federation.Reminders;

/// <summary>What a reminder is about; the late policy is set per kind (<c>Reminders:LatePolicy:&lt;Kind&gt;</c>).</summary>
public enum ReminderKind
{
    TaskReminder,
    TaskEscalation,
    Rotation,
    DutyGroup,
    JointMeeting,
    MeetingRecord,
    ReElection,
    Notify,
}

/// <summary>A text in Chinese, the default, and in English for people whose account language is <c>en</c>.</summary>
public sealed record LocalizedText(string Zh, string En)
{
    public string For(string? language) => IsEnglish(language) ? En : Zh;

    public static bool IsEnglish(string? language) => language is not null && language.StartsWith("en", StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// Who receives a reminder: named people, and people found by role (with approver kind) whose home region covers
/// <see cref="Recipient.RegionCode"/> — resolved when the reminder is delivered, so a person who joins or leaves
/// before then is counted as the roster stands at that moment.
/// </summary>
public sealed record ReminderAudience(IReadOnlyList<Guid> UserIds, IReadOnlyList<Recipient> Roles)
{
    public static ReminderAudience People(params IEnumerable<Guid> userIds) => new([.. userIds.Distinct()], []);

    public static ReminderAudience Role(string role, string regionCode, string? approverKind = null) => new([], [new Recipient(role, approverKind, regionCode)]);

    public bool IsEmpty => UserIds.Count == 0 && Roles.Count == 0;
}

/// <summary>
/// One reminder occurrence. The key names what, whom and when (see <see cref="ReminderKeys"/>); planning the same key
/// again updates it while it is still to come, and a key is delivered at most once per person and channel, ever.
/// </summary>
public sealed record PlannedReminder(
    string Key,
    ReminderKind Kind,
    DateTimeOffset DueAt,
    ReminderAudience To,
    LocalizedText Subject,
    LocalizedText Body,
    string? Link = null)
{
    /// <summary>Delivered at once on every channel, through quiet hours and digest mode (an escalation marked <c>urgentEscalation</c>).</summary>
    public bool Urgent { get; init; }
}

/// <summary>
/// A calendar entry in people's feeds (a rotation period, a duty-group turn, a meeting). <see cref="End"/> is
/// exclusive, as in iCalendar: an all-day entry runs from the China date of <see cref="Start"/> up to, not including,
/// the China date of <see cref="End"/>.
/// </summary>
public sealed record PlannedCalendarEvent(
    string Key,
    IReadOnlyList<Guid> UserIds,
    DateTimeOffset Start,
    DateTimeOffset End,
    bool AllDay,
    LocalizedText Summary,
    string? Location = null);

/// <summary>Reminders and the calendar entries they belong to, planned together.</summary>
public sealed record ReminderPlan(IReadOnlyList<PlannedReminder> Reminders, IReadOnlyList<PlannedCalendarEvent> Events)
{
    public static ReminderPlan operator +(ReminderPlan left, ReminderPlan right) =>
        new([.. left.Reminders, .. right.Reminders], [.. left.Events, .. right.Events]);

    public static ReminderPlan Empty { get; } = new([], []);
}

/// <summary>What planning changed: new keys, keys still to come that were updated, and keys left alone (already delivered or dropped, or identical).</summary>
public sealed record PlanResult(int Added, int Updated, int Unchanged, int Events);

/// <summary>What a cancellation dropped: reminders not yet delivered and calendar entries not yet begun.</summary>
public sealed record CancelResult(int Reminders, int Events);

/// <summary>Where a planned reminder stands: still to come, delivered, dropped by the late policy, or cancelled by a change of plan.</summary>
public enum ReminderStage
{
    Scheduled,
    Delivered,
    Dropped,
    Cancelled,
}

/// <summary>
/// One delivery of a reminder on one channel: <c>inApp</c>, <c>email</c>, <c>sms</c>, <c>webhook</c> or <c>robot</c>. The recipient is
/// the person for the first three; for a webhook or a group robot it is the subscription or robot that heard it, since each hears a
/// reminder once however many of the people it speaks for are due.
/// </summary>
public sealed record ReminderDelivery(string Channel, string State, Guid RecipientId, DateTimeOffset? SentAt);

/// <summary>A reminder as the host holds it: its due time, its stage and, once due, its deliveries by channel.</summary>
public sealed record ReminderProgress(string Key, ReminderKind Kind, DateTimeOffset DueAt, ReminderStage Stage, bool Late, IReadOnlyList<ReminderDelivery> Deliveries);
