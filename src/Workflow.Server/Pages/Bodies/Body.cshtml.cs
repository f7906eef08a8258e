using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Workflow.Federation;
using Workflow.Federation.Activities;
using Workflow.Federation.Common;
using Workflow.Federation.DutyGroups;
using Workflow.Federation.Invitations;
using Workflow.Federation.JointMeetings;
using Workflow.Federation.Registry;
using Workflow.Federation.Rotations;
using Workflow.Server.Accounts;
using Workflow.Server.Pages.Site;
using Workflow.Server.Problems;

namespace Workflow.Server.Pages.Bodies;

/// <summary>The next joint meeting a body takes part in, and the group that holds it.</summary>
public sealed record NextMeeting(string Group, MeetingView Meeting);

/// <summary>
/// 组织详情: leadership and terms, the rotation, duty groups, the next joint meeting and the history of one body, each
/// read from the service its API endpoint uses; a schedule not planned yet shows as such, not as an error.
/// </summary>
public sealed class BodyModel(RegistryService registry, RotationSchedule rotation, DutyGroupSchedule dutyGroups, BodyHistory history,
    MeetingRecords meetings, BodyActivities activities, LeaderInvitations invitations, TimeProvider clock) : PageModel
{
    private const int MaxMeetingGroups = 50;

    public FederationBody Body { get; private set; } = null!;
    public RotationView? Rotation { get; private set; }
    public ScheduledDutyGroups? DutyGroups { get; private set; }
    public IReadOnlyList<BodyEvent> History { get; private set; } = [];
    public NextMeeting? Meeting { get; private set; }
    public DateOnly Today { get; private set; }
    /// <summary>Officers of the body's region link its leaders' accounts, plan its rotation and record its activities.</summary>
    public bool MayPlan { get; private set; }
    public IReadOnlyList<ActivityView> Activities { get; private set; } = [];
    public ActivityStatus? ActivityState { get; private set; }
    /// <summary>The leaders' account invitations, for the officers who may re-issue them.</summary>
    public IReadOnlyList<InvitationView> Invitations { get; private set; } = [];
    [BindProperty] public ActivityForm Activity { get; set; } = new();
    public Dictionary<string, string> Errors { get; } = new(StringComparer.OrdinalIgnoreCase);

    public RotationPeriodView? CurrentPeriod => Rotation?.Periods.FirstOrDefault(p => p.Current);
    public RotationPeriodView? NextPeriod => Rotation?.Periods.Where(p => p.FirstDay > Today).MinBy(p => p.FirstDay);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused) return refused;
        Activity = new ActivityForm { HeldOn = Today };
        return Page();
    }

    /// <summary>Records an activity (有效覆盖); a refusal is shown at its field with the status the API would answer.</summary>
    public async Task<IActionResult> OnPostActivityAsync(Guid id, CancellationToken cancellationToken)
    {
        var caller = Caller.From(User);
        if (!(caller.IsAdmin || caller.Has(Roles.Officer))) return StatusCode(StatusCodes.Status403Forbidden);
        try
        {
            var recorded = await activities.RecordAsync(caller.Acting, id, Activity.ToRequest(), cancellationToken);
            TempData["Notice"] = ActivityWords.Recorded.Format(recorded.Summary);
            return LocalRedirect($"/bodies/{id}#activities-heading");
        }
        catch (FederationException failure) when (failure.Error != FederationError.NotFound)
        {
            foreach (var (field, reason) in Refusals.Fields(failure)) Errors[field] = reason;
            var status = ProblemMapping.Map(failure)?.Status ?? StatusCodes.Status400BadRequest;
            if (await LoadAsync(id, cancellationToken) is { } refused) return refused;
            Response.StatusCode = status;
            return Page();
        }
        catch (FederationException)
        {
            return NotFound();
        }
    }

    /// <summary>A new code for a lost or expired invitation, sent to her alone; the API's refusals show as a notice.</summary>
    public async Task<IActionResult> OnPostReissueAsync(Guid id, Guid invitationId, CancellationToken cancellationToken)
    {
        var caller = Caller.From(User);
        if (!(caller.IsAdmin || caller.Has(Roles.Officer))) return StatusCode(StatusCodes.Status403Forbidden);
        try
        {
            var reissued = await invitations.ReissueAsync(caller.Acting, id, invitationId, cancellationToken);
            TempData["Notice"] = InvitationWords.Reissued.Format(reissued.Name);
        }
        catch (FederationException failure) when (failure.Error == FederationError.NotFound)
        {
            return NotFound();
        }
        catch (FederationException failure)
        {
            TempData["Notice"] = string.Join((string)Text.ListSeparator, Refusals.Fields(failure).Values);
        }
        return LocalRedirect($"/bodies/{id}#invitations-heading");
    }

    public string? ErrorFor(string field) => Errors.TryGetValue(field, out var error) ? error : null;

    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var caller = Caller.From(User);
        try
        {
            Body = await registry.GetAsync(id, cancellationToken);
        }
        catch (FederationException failure) when (failure.Error == FederationError.NotFound)
        {
            return NotFound();
        }
        // Another region's body answers as one that does not exist, as the API does.
        if (!caller.Covers(Body.RegionCode)) return NotFound();
        Today = ChinaInstant.Of(clock.GetUtcNow()).LocalDate;
        MayPlan = caller.IsAdmin || caller.Has(Roles.Officer);
        var acting = caller.Acting;
        Rotation = await Optional(() => rotation.GetAsync(acting, id, cancellationToken));
        DutyGroups = await Optional(() => dutyGroups.GetAsync(acting, id, cancellationToken));
        History = await history.GetAsync(acting, id, cancellationToken);
        Meeting = await NextMeetingAsync(acting, id, cancellationToken);
        Activities = await activities.ListAsync(acting, id, cancellationToken);
        ActivityState = await activities.StatusAsync(acting, id, cancellationToken);
        if (MayPlan) Invitations = await invitations.ListAsync(acting, id, cancellationToken);
        return null;
    }

    public string LeaderName(string id) => Body.Leaders.FirstOrDefault(l => l.Id.ToString() == id)?.Name ?? id;

    /// <summary>Whole days from today to the end of the term, never below zero.</summary>
    public int DaysLeft(DateOnly termEnd) => Math.Max(0, termEnd.DayNumber - Today.DayNumber);

    private async Task<NextMeeting?> NextMeetingAsync(Acting acting, Guid bodyId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        NextMeeting? next = null;
        foreach (var summary in (await meetings.ListAsync(acting, cancellationToken)).Where(g => g.NextMeeting is not null).OrderBy(g => g.NextMeeting).Take(MaxMeetingGroups))
        {
            var group = await meetings.GetAsync(acting, summary.Id, cancellationToken);
            if (group.Bodies.All(b => b.Id != bodyId)) continue;
            var meeting = group.Meetings.Where(m => m.StartsAt > now).MinBy(m => m.StartsAt);
            if (meeting is not null && (next is null || meeting.StartsAt < next.Meeting.StartsAt)) next = new NextMeeting(group.Name, meeting);
        }
        return next;
    }

    /// <summary>A schedule the body has not planned yet is absent, not an error.</summary>
    internal static async Task<T?> Optional<T>(Func<Task<T>> read) where T : class
    {
        try
        {
            return await read();
        }
        catch (FederationException failure) when (failure.Error == FederationError.NotFound)
        {
            return null;
        }
    }
}
