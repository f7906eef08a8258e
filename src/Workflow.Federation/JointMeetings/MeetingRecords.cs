using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Workflow.Engine.Execution;
using Workflow.Federation.Common;
using Workflow.Federation.FollowUps;
using Workflow.Federation.Registry;
using Workflow.Federation.Storage;
using Workflow.Persistence.Instances;

namespace Workflow.Federation.JointMeetings;

public sealed record NamedRef(Guid Id, string? Name);

public sealed record MeetingRecordView(string Outcome, string? Attendees, int? AttendeeCount, string? Minutes, string? Reason, string? RecordedBy, DateTimeOffset? RecordedAt);

/// <summary>Status: planned, awaitingRecord, overdue (the record is late), recorded, notHeld, or withdrawn.</summary>
public sealed record MeetingView(int Year, int Quarter, DateTimeOffset StartsAt, string LocalStart, string? Location, string? MovedBecause,
    string Status, Guid? RecordTaskId, DateTimeOffset? RecordDue, MeetingRecordView? Record);

public sealed record MeetingGroupView(Guid Id, string Name, string RegionCode, NamedRef Convener, IReadOnlyList<NamedRef> Bodies, IReadOnlyList<NamedRef> Invitees,
    string? Location, DateTimeOffset CreatedAt, string CreatedBy, IReadOnlyList<MeetingView> Meetings);

public sealed record MeetingGroupSummary(Guid Id, string Name, string RegionCode, int Bodies, Guid ConvenerId, DateTimeOffset? NextMeeting);

public sealed record RecordMeetingRequest(bool Held, string? Attendees, int? AttendeeCount, string? Minutes, string? Reason);

/// <summary>The convener's recording task of a meeting and the decision that records it: <c>recorded</c> or <c>notHeld</c> with its form.</summary>
public sealed record MeetingRecording(Guid TaskId, string Outcome, JsonObject Form);

/// <summary>What a group's meetings look like to people, and the convener's record of each (the decision of its recording task).</summary>
public sealed class MeetingRecords(JointMeetingGroups groups, BodyAccess access, FollowUpService followUps, InstanceQueries instances,
    IDbContextFactory<FederationDbContext> contexts, TimeProvider clock)
{
    public async Task<IReadOnlyList<MeetingGroupSummary>> ListAsync(Acting actor, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var all = await db.MeetingGroups.AsNoTracking().OrderBy(g => g.Name).ToListAsync(cancellationToken);
        var visible = all.Where(g => actor.Covers(g.RegionCode) || JointMeetingGroups.People(g).Contains(actor.Id)).ToList();
        var ids = visible.Select(g => g.Id).ToList();
        var now = clock.GetUtcNow();
        var next = await db.JointMeetings.AsNoTracking().Where(m => ids.Contains(m.GroupId)).ToListAsync(cancellationToken);
        return visible.Select(g => new MeetingGroupSummary(g.Id, g.Name, g.RegionCode, JointMeetingGroups.Bodies(g).Count, g.ConvenerId,
            next.Where(m => m.GroupId == g.Id && m.StartsAt > now).Select(m => (DateTimeOffset?)m.StartsAt).Min())).ToList();
    }

    public async Task<MeetingGroupView> GetAsync(Acting actor, Guid groupId, CancellationToken cancellationToken)
    {
        var group = await groups.VisibleAsync(actor, groupId, cancellationToken);
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

    /// <summary>
    /// What recording a meeting decides: the open recording task of the convener (or whoever she handed it to), and the
    /// decision with attendance and minutes, or that the meeting was not held and why. The host decides the task as the
    /// actor, which checks that she holds it.
    /// </summary>
    public async Task<MeetingRecording> PrepareRecordAsync(Acting actor, Guid groupId, int year, int quarter, RecordMeetingRequest request, CancellationToken cancellationToken)
    {
        await groups.VisibleAsync(actor, groupId, cancellationToken);
        var form = Validate(request);
        var meeting = await MeetingAsync(groupId, year, quarter, cancellationToken);
        var instance = await RecordInstanceAsync(meeting, await followUps.ListAsync(groupId, JointMeetingGroups.RecordPrefix(year, quarter), cancellationToken), cancellationToken)
            ?? throw new StateConflictException("meeting-not-planned", "这次会议没有记录任务：它是在系统保存记录任务之前安排的",
                "this meeting has no recording task; it was planned before the service kept them");
        var task = instance.Bookmarks.FirstOrDefault(b => b.Kind == BookmarkKind.UserTask);
        if (task is null)
        {
            var opens = ChinaInstant.Of(meeting.StartsAt + new JointMeetingSettings().RecordOpensAfterStart);
            throw instance.Status == InstanceStatus.Finished
                ? new StateConflictException("meeting-already-recorded", "这次会议已经记录过了", "this meeting is recorded already")
                : new StateConflictException("meeting-not-over", $"会议结束后才能记录（{opens}）", $"the record opens when the meeting is over ({opens})");
        }
        return new MeetingRecording(task.Id, request.Held ? "recorded" : "notHeld", form);
    }

    /// <summary>One quarter's meeting as people see it.</summary>
    public async Task<MeetingView> MeetingAsync(Acting actor, Guid groupId, int year, int quarter, CancellationToken cancellationToken)
    {
        var group = await groups.VisibleAsync(actor, groupId, cancellationToken);
        var meeting = await MeetingAsync(groupId, year, quarter, cancellationToken);
        return await ViewAsync(group, meeting, await followUps.ListAsync(groupId, "meeting:", cancellationToken), cancellationToken);
    }

    /// <summary>The quarters whose meeting the convener recorded as held: the effective coverage (有效覆盖) counts them for every body of the group.</summary>
    public async Task<IReadOnlyList<(int Year, int Quarter)>> HeldAsync(MeetingGroupRow group, CancellationToken cancellationToken)
    {
        List<JointMeetingRow> past;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            var now = clock.GetUtcNow();
            past = await db.JointMeetings.AsNoTracking().Where(m => m.GroupId == group.Id).ToListAsync(cancellationToken);
            past = [.. past.Where(m => m.StartsAt <= now)];
        }
        if (past.Count == 0) return [];
        var records = await followUps.ListAsync(group.Id, "meeting:", cancellationToken);
        var held = new List<(int, int)>();
        foreach (var meeting in past)
            if ((await ViewAsync(group, meeting, records, cancellationToken)).Status == "recorded") held.Add((meeting.Year, meeting.Quarter));
        return held;
    }

    private static JsonObject Validate(RecordMeetingRequest request)
    {
        var problems = new List<FieldProblem>();
        if (request.Held)
        {
            if (string.IsNullOrWhiteSpace(request.Attendees)) problems.Add(Errors.Field("attendees", "attendees-required", "请填写出席人员", "name who attended"));
            if (string.IsNullOrWhiteSpace(request.Minutes)) problems.Add(Errors.Field("minutes", "minutes-required", "请填写会议纪要：商定的工作计划和活动", "the minutes: work plan and activities agreed"));
            if (request.AttendeeCount is < 1 or > 1000) problems.Add(Errors.Field("attendeeCount", "attendee-count", "出席人数 1 至 1000", "1 to 1000"));
        }
        else if (string.IsNullOrWhiteSpace(request.Reason)) problems.Add(Errors.Field("reason", "reason-required", "请说明会议未召开的原因", "say why the meeting was not held"));
        if ((request.Attendees?.Length ?? 0) > 4000 || (request.Minutes?.Length ?? 0) > 20000 || (request.Reason?.Length ?? 0) > 2000)
            problems.Add(Errors.Field("minutes", "record-length", "出席人员不超过 4000 字，纪要不超过 20000 字，原因不超过 2000 字",
                "attendees at most 4,000, minutes 20,000 and reason 2,000 characters"));
        if (problems.Count > 0) throw new FederationValidationException([.. problems]);
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
            ?? throw JointMeetingGroups.NoMeeting(year, quarter);
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
