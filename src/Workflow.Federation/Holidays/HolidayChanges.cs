using Workflow.Federation.DutyGroups;
using Workflow.Federation.JointMeetings;
using Workflow.Persistence.Runtime;

namespace Workflow.Federation.Holidays;

/// <summary>An admin's override and what it moved: future joint meetings and duty-group turns not yet held, and open tasks not yet due.</summary>
public sealed record HolidayChange(SpecialDay? Day, int MeetingsMoved, int DutyTurnsMoved, int TasksMoved);

/// <summary>
/// An admin's override changes which days are worked, so what is already planned on them follows at once, not only what
/// is proposed later: every future joint meeting its convener did not move, and every duty-group turn not yet begun,
/// goes to the working day its rule now gives, and its reminders say so. Open tasks not yet due fall due on the working
/// day their step's rule now gives, and their reminders and escalation move with them.
/// </summary>
public sealed class HolidayChanges(HolidayCalendar calendar, JointMeetingGroups meetings, DutyGroupSchedule dutyGroups, WorkflowRuntime runtime)
{
    public async Task<HolidayChange> SetAsync(DateOnly date, HolidayOverrideRequest request, string by, CancellationToken cancellationToken)
    {
        var day = await calendar.SetAsync(date, request, by, cancellationToken);
        return await ReplanAsync(day, by, cancellationToken);
    }

    public async Task<HolidayChange> RemoveAsync(DateOnly date, string by, CancellationToken cancellationToken)
    {
        await calendar.RemoveAsync(date, cancellationToken);
        return await ReplanAsync(null, by, cancellationToken);
    }

    /// <summary>
    /// After this node read a calendar another node changed: the tasks this node opened on the calendar it had read before fall
    /// due on the days the new one gives. The node that made the change moved the others already (<see cref="SetAsync"/>),
    /// so a task moves once whichever node gets to it first. Meetings and duty turns are planned on a fresh read and need nothing.
    /// </summary>
    public Task<int> FollowAsync(CancellationToken cancellationToken) => runtime.MoveDueDatesAsync(CalendarActor, cancellationToken);

    /// <summary>Who the journal says moved a due date when a node followed a change made elsewhere.</summary>
    public const string CalendarActor = "calendar";

    private async Task<HolidayChange> ReplanAsync(SpecialDay? day, string by, CancellationToken cancellationToken) =>
        new(day, await meetings.ReplanAsync(cancellationToken), await dutyGroups.ReplanAsync(cancellationToken), await runtime.MoveDueDatesAsync(by, cancellationToken));
}
