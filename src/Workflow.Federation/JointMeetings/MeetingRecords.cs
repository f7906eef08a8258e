using Workflow.Federation.JointMeetings;
using Workflow.Federation.Storage;
using Workflow.Federation.FollowUps;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Workflow.Engine.Execution;
using Workflow.Federation.Common;
using Workflow.Persistence.Instances;
using Workflow.Server.Accounts;
using Workflow.Server.Bodies;
using Workflow.Server.Problems;
using Workflow.Server.Tasks;

namespace Workflow.Server.Meetings;

public sealed record NamedRef(Guid Id, string? Name);

public sealed record MeetingRecordView(string Outcome, string? Attendees, int? AttendeeCount, string? Minutes, string? Reason, string? RecordedBy, DateTimeOffset? RecordedAt);

/// <summary>Status: planned, awaitingRecord, overdue (the record is late), recorded, notHeld, or withdrawn.</summary>
public sealed record MeetingView(int Year, int Quarter, DateTimeOffset StartsAt, string LocalStart, string? Location, string? MovedBecause,
    string Status, Guid? RecordTaskId, DateTimeOffset? RecordDue, MeetingRecordView? Record);

public sealed record MeetingGroupView(Guid Id, string Name, string RegionCode, NamedRef Convener, IReadOnlyList<NamedRef> Bodies, IReadOnlyList<NamedRef> Invitees,
    string? Location, DateTimeOffset CreatedAt, string CreatedBy, IReadOnlyList<MeetingView> Meetings);

public sealed record MeetingGroupSummary(Guid Id, string Name, string RegionCode, int Bodies, Guid ConvenerId, DateTimeOffset? NextMeeting);

public sealed record RecordMeetingRequest(bool Held, string? Attendees, int? AttendeeCount, string? Minutes, string? Reason);

/// <summary>What a group's meetings look like to people, and the convener's record of each (the decision of its recording task).</summary>
public sealed class MeetingRecords(JointMeetingGroups groups, BodyAccess access, FollowUpService followUps, InstanceQueries instances, TaskActions tasks,
    IDbContextFactory<FederationDbContext> contexts, TimeProvider clock)
{
    public async Task<IReadOnlyList<MeetingGroupSummary>> ListAsync(Caller caller, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var all = await db.MeetingGroups.AsNoTracking().OrderBy(g => g.Name).ToListAsync(cancellationToken);
        var visible = all.Where(g => caller.Covers(g.RegionCode) || JointMeetingGroups.People(g).Contains(caller.Id)).ToList();
        var ids = visible.Select(g => g.Id).ToList();
        var now = clock.GetUtcNow();
        var next = await db.JointMeetings.AsNoTracking().Where(m => ids.Contains(m.GroupId)).ToListAsync(cancellationToken);
        return visible.Select(g => new MeetingGroupSummary(g.Id, g.Name, g.RegionCode, JointMeetingGroups.Bodies(g).Count, g.ConvenerId,
            next.Where(m => m.GroupId == g.Id && m.StartsAt > now).Select(m => (DateTimeOffset?)m.StartsAt).Min())).ToList();
    }

    public async Task<MeetingGroupView> GetAsync(Caller caller, Guid groupId, CancellationToken cancellationToken)
    {
        var group = await groups.VisibleAsync(caller, groupId, cancellationToken);
        var people = await access.NamesAsync(JointMeetingGroups.People(group), cancellationToken);
        var bodies = await groups.BodyNamesAsync(group, cancellationToken);
        List<JointMeetingRow> meetings;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
            meetings = await db.JointMeetings.AsNoTracking().Where(m => m.GroupId == groupId).OrderBy(m => m.Year).ThenBy(m => m.Quarter).ToListAsync(cancellationToken);
        var records = await followUps.ListAsync(groupId, "meeting:", cancellationToken);
        var views = new List<MeetingView>();
        foreach (var meeting in meetings) views.Add(await ViewAsync(group, meeting, records, cancellationToken));
        return new MeetingGroupView(group.Id, group.Name, group.RegionCode, new NamedRef(group.ConvenerId, people.GetValueOrDefault(group.ConvenerId)),
            [.. JointMeetingGroups.Bodies(group).Select(id => new NamedRef(id, bodies.GetValueOrDefault(id)))],
            [.. JointMeetingGroups.Invitees(group).Select(id => new NamedRef(id, people.GetValueOrDefault(id)))],
            group.Location, group.CreatedAt, group.CreatedBy, views);
    }

    /// <summary>The convener (or whoever she handed the task to) records attendance and minutes, or that the meeting was not held and why.</summary>
    public async Task<MeetingView> RecordAsync(Caller caller, Guid groupId, int year, int quarter, RecordMeetingRequest request, CancellationToken cancellationToken)
    {
        var group = await groups.VisibleAsync(caller, groupId, cancellationToken);
        var form = Validate(request);
        var meeting = await MeetingAsync(groupId, year, quarter, cancellationToken);
        var instance = await RecordInstanceAsync(meeting, await followUps.ListAsync(groupId, JointMeetingGroups.RecordPrefix(year, quarter), cancellationToken), cancellationToken)
            ?? throw ProblemException.Conflict("meeting-not-planned", "this meeting has no recording task; it was planned before the service kept them");
        var task = instance.Bookmarks.FirstOrDefault(b => b.Kind == BookmarkKind.UserTask);
        if (task is null)
            throw instance.Status == InstanceStatus.Finished
                ? ProblemException.Conflict("meeting-already-recorded", "this meeting is recorded already")
                : ProblemException.Conflict("meeting-not-over", $"the record opens when the meeting is over ({ChinaInstant.Of(meeting.StartsAt + new JointMeetingSettings().RecordOpensAfterStart)})");
        try
        {
            await tasks.DecideAsync(caller, task.Id, new DecisionRequest(request.Held ? "recorded" : "notHeld", null, form), cancellationToken);
        }
        catch (ProblemException e) when (e.Status == StatusCodes.Status404NotFound)
        {
            // The caller sees the group (an invitee) but not the convener's task.
            throw ProblemException.Forbidden("only the convener, or a colleague she handed the recording task to, records the meeting");
        }
        return await ViewAsync(group, meeting, await followUps.ListAsync(groupId, "meeting:", cancellationToken), cancellationToken);
    }

    private static JsonObject Validate(RecordMeetingRequest request)
    {
        var problems = new List<(string, string)>();
        if (request.Held)
        {
            if (string.IsNullOrWhiteSpace(request.Attendees)) problems.Add(("attendees", "name who attended"));
            if (string.IsNullOrWhiteSpace(request.Minutes)) problems.Add(("minutes", "the minutes: work plan and activities agreed"));
            if (request.AttendeeCount is < 1 or > 1000) problems.Add(("attendeeCount", "1 to 1000"));
        }
        else if (string.IsNullOrWhiteSpace(request.Reason)) problems.Add(("reason", "say why the meeting was not held"));
        if ((request.Attendees?.Length ?? 0) > 4000 || (request.Minutes?.Length ?? 0) > 20000 || (request.Reason?.Length ?? 0) > 2000)
            problems.Add(("minutes", "attendees at most 4,000, minutes 20,000 and reason 2,000 characters"));
        if (problems.Count > 0) throw ProblemException.Validation([.. problems]);
        var form = new JsonObject();
        if (request.Held)
        {
            form["attendees"] = request.Attendees!.Trim();
            form["minutes"] = request.Minutes!.Trim();
            if (request.AttendeeCount is { } count) form["attendeeCount"] = count;
        }
        else form["reason"] = request.Reason!.Trim();
        return form;
    }

    private async Task<JointMeetingRow> MeetingAsync(Guid groupId, int year, int quarter, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.JointMeetings.AsNoTracking().SingleOrDefaultAsync(m => m.GroupId == groupId && m.Year == year && m.Quarter == quarter, cancellationToken)
            ?? throw ProblemException.NotFound("joint meeting", $"{year}Q{quarter}");
    }

    private async Task<Persistence.Runtime.InstanceView?> RecordInstanceAsync(JointMeetingRow meeting, IReadOnlyList<FollowUpRow> records, CancellationToken cancellationToken)
    {
        var key = JointMeetingGroups.RecordKey(meeting);
        var row = records.FirstOrDefault(r => r.Key == key);
        return row is null ? null : await instances.GetAsync(row.InstanceId, cancellationToken);
    }

    private async Task<MeetingView> ViewAsync(MeetingGroupRow group, JointMeetingRow meeting, IReadOnlyList<FollowUpRow> records, CancellationToken cancellationToken)
    {
        var instance = await RecordInstanceAsync(meeting, records, cancellationToken);
        var task = instance?.Bookmarks.FirstOrDefault(b => b.Kind == BookmarkKind.UserTask);
        var now = clock.GetUtcNow();
        var record = instance?.Variables["record"] is JsonObject decided && instance.Status == InstanceStatus.Finished
            ? new MeetingRecordView(instance.Result ?? "", Text(decided, "attendees"), decided["attendeeCount"]?.GetValue<int>(), Text(decided, "minutes"), Text(decided, "reason"),
                Text(decided, "by"), DateTimeOffset.TryParse(Text(decided, "at"), CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) ? at : null)
            : null;
        var status = record is not null ? record.Outcome
            : instance?.Status == InstanceStatus.Cancelled ? "withdrawn"
            : task is not null ? (task.DueAt < now ? "overdue" : "awaitingRecord")
            : "planned";
        var local = ChinaInstant.Of(meeting.StartsAt);
        return new MeetingView(meeting.Year, meeting.Quarter, meeting.StartsAt, $"{local.LocalDate:yyyy-MM-dd} {local.LocalTime:HH\\:mm}",
            meeting.Location ?? group.Location, meeting.MovedBecause, status, task?.Id, task?.DueAt, record);
    }

    private static string? Text(JsonObject o, string name) => o[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
