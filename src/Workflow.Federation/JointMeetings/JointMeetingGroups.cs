using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Workflow.Federation.Common;
using Workflow.Federation.FollowUps;
using Workflow.Federation.Holidays;
using Workflow.Federation.Regions;
using Workflow.Federation.Registry;
using Workflow.Federation.Reminders;
using Workflow.Federation.Storage;
using Workflow.Persistence.Storage;

namespace Workflow.Federation.JointMeetings;

/// <summary>Without invitees, the bodies' chairs as linked to their accounts are invited.</summary>
public sealed record MeetingGroupRequest([Present, PersonOrPlaceName] string Name, [Present] string RegionCode, [Present] IReadOnlyList<Guid> BodyIds, Guid ConvenerId, IReadOnlyList<Guid>? InviteeIds,
    [PersonOrPlaceName] string? Location);

public sealed record MoveMeetingRequest(DateTime StartsAt, string? Location, [Present] string Reason);

/// <summary>
/// 联席会 (seed 004): groups of bodies that meet every quarter. The service proposes each quarter's date a year ahead,
/// invites the convener and the invitees (chairs, town leaders) with reminders and calendar entries, and after each
/// meeting asks the convener to record it (<c>workflows/joint-meeting-record.json</c>), escalating when nothing is recorded.
/// </summary>
public sealed class JointMeetingGroups(
    BodyAccess access, RegistryService registry, IReminderPlanning planner, FollowUpService followUps, IDbContextFactory<FederationDbContext> contexts, TimeProvider clock,
    HolidayCalendar holidays)
{
    public const string RecordDefinition = "joint-meeting-record";

    public async Task<MeetingGroupRow> CreateAsync(Acting actor, MeetingGroupRequest request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 100) throw Errors.Invalid("name", "name-length", "名称 1 至 100 个字符", "1 to 100 characters");
        if (request.Location is { Length: > 200 }) throw LocationTooLong();
        NameCheck.Require(("name", request.Name), ("location", request.Location));
        if (!actor.Covers(request.RegionCode))
            throw Errors.Forbidden("region", $"区域 {request.RegionCode} 不在您的辖区 {actor.RegionCode} 内", $"region {request.RegionCode} is outside your region {actor.RegionCode}");
        if (request.BodyIds is not { Count: >= 2 } || request.BodyIds.Distinct().Count() != request.BodyIds.Count)
            throw Errors.Invalid("bodyIds", "two-bodies", "联席会至少由两个不同的妇联组织组成", "a joint meeting brings together at least two different bodies");
        var chairs = new List<Guid>();
        foreach (var bodyId in request.BodyIds)
        {
            var body = await access.VisibleAsync(actor, bodyId, cancellationToken);
            if (!RegionCode.Covers(request.RegionCode, body.RegionCode))
                throw Errors.Invalid("bodyIds", "body-outside-region", $"{body.Name} 不在区域 {request.RegionCode} 内", $"{body.Name} lies outside region {request.RegionCode}");
            chairs.AddRange(body.Leaders.Where(l => l.Role == LeaderRole.Chair && l.UserId is not null).Select(l => l.UserId!.Value));
        }
        var invitees = request.InviteeIds is { Count: > 0 } named ? named : chairs.Distinct().ToList();
        if (invitees.Count == 0)
            throw Errors.Invalid("inviteeIds", "no-invitees", "请指定受邀人员，或先为各组织主席关联账号", "name the invitees, or link the bodies' chairs to their accounts first");
        await access.CheckPeopleAsync([request.ConvenerId], null, request.RegionCode, "convenerId", cancellationToken);
        await access.CheckPeopleAsync(invitees, null, request.RegionCode, "inviteeIds", cancellationToken);

        var group = new MeetingGroupRow
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()), Name = request.Name.Trim(), RegionCode = request.RegionCode, ConvenerId = request.ConvenerId,
            BodyIdsJson = JsonSerializer.Serialize(request.BodyIds, JsonSerializerOptions.Web), InviteeIdsJson = JsonSerializer.Serialize(invitees, JsonSerializerOptions.Web),
            Location = request.Location?.Trim(), CreatedAt = clock.GetUtcNow(), CreatedBy = actor.UserName,
        };
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            db.MeetingGroups.Add(group);
            await db.SaveChangesAsync(cancellationToken);
        }
        await PlanGroupAsync(group, cancellationToken);
        return group;
    }

    /// <summary>Proposes every group's meetings of the coming twelve months and makes sure each has its reminders and recording task. Idempotent; runs hourly.</summary>
    public async Task<int> PlanAheadAsync(CancellationToken cancellationToken) => (await PlanAllAsync(cancellationToken)).Added;

    /// <summary>After the working calendar changed: every group's future meetings follow it (see <see cref="Holidays.HolidayChanges"/>); returns how many moved.</summary>
    public async Task<int> ReplanAsync(CancellationToken cancellationToken) => (await PlanAllAsync(cancellationToken)).Moved;

    private async Task<(int Added, int Moved)> PlanAllAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var groups = await db.MeetingGroups.AsNoTracking().ToListAsync(cancellationToken);
        var (added, moved) = (0, 0);
        foreach (var group in groups)
        {
            var (a, m) = await PlanGroupAsync(group, cancellationToken);
            (added, moved) = (added + a, moved + m);
        }
        return (added, moved);
    }

    /// <summary>Moves one quarter's meeting (the convener's choice of day, time or place); everyone invited is told at once.</summary>
    public async Task<JointMeetingRow> MoveAsync(Acting actor, Guid groupId, int year, int quarter, MoveMeetingRequest request, CancellationToken cancellationToken)
    {
        var group = await VisibleAsync(actor, groupId, cancellationToken);
        if (string.IsNullOrWhiteSpace(request.Reason) || request.Reason.Length > 500)
            throw Errors.Invalid("reason", "reason-required", "请说明改期的理由（不超过 500 字）", "say why the meeting moves (at most 500 characters)");
        if (request.Location is { Length: > 200 }) throw LocationTooLong();
        var start = ChinaInstant.At(DateOnly.FromDateTime(request.StartsAt), TimeOnly.FromDateTime(request.StartsAt));
        if (start.Utc <= clock.GetUtcNow()) throw Errors.Invalid("startsAt", "in-the-past", "会议只能改到尚未到来的时间（北京时间）", "a meeting moves to a time still to come (China time)");

        JointMeetingRow meeting;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            meeting = await db.JointMeetings.SingleOrDefaultAsync(m => m.GroupId == groupId && m.Year == year && m.Quarter == quarter, cancellationToken)
                ?? throw NoMeeting(year, quarter);
            if (meeting.StartsAt <= clock.GetUtcNow())
                throw new StateConflictException("meeting-held", "会议时间已过，请记录会议而不是改期", "this meeting's time has passed; record it instead of moving it");
            meeting.StartsAt = start.Utc;
            meeting.Location = request.Location?.Trim() ?? meeting.Location;
            meeting.MovedBecause = request.Reason.Trim();
            await db.SaveChangesAsync(cancellationToken);
        }
        await ScheduleAsync(group, meeting, cancellationToken);
        var place = meeting.Location ?? group.Location;
        var when = start.LocalDate.ToString("yyyy年M月d日", CultureInfo.InvariantCulture) + " " + start.LocalTime.ToString("HH:mm", CultureInfo.InvariantCulture);
        await planner.PlanAsync([new PlannedReminder($"{ReminderKeys.Meeting(groupId, year, quarter)}:moved:{start.Utc.UtcTicks}", ReminderKind.JointMeeting, clock.GetUtcNow(),
            ReminderAudience.People(People(group)),
            new LocalizedText($"联席会改期：{group.Name}", $"Joint meeting moved: {group.Name}"),
            new LocalizedText($"{group.Name}{year}年第{quarter}季度联席会改于{when}召开{(place is null ? "" : "，地点：" + place)}（原因：{meeting.MovedBecause}）。",
                $"The {year} Q{quarter} joint meeting of {group.Name} moves to {start.LocalDate:yyyy-MM-dd} {start.LocalTime:HH\\:mm} China time{(place is null ? "" : ", at " + place)} (reason: {meeting.MovedBecause}).")),
        ], cancellationToken);
        return meeting;
    }

    public async Task<MeetingGroupRow> VisibleAsync(Acting actor, Guid groupId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var group = await db.MeetingGroups.AsNoTracking().SingleOrDefaultAsync(g => g.Id == groupId, cancellationToken);
        // Invitees and the convener see the group they take part in, wherever their home region is.
        if (group is null || !(actor.Covers(group.RegionCode) || People(group).Contains(actor.Id)))
            throw Errors.NotFound("meeting-group", $"找不到联席会 {groupId}，或不在您的辖区内", $"meeting group '{groupId}' does not exist or is outside your region");
        return group;
    }

    public static IReadOnlyList<Guid> Bodies(MeetingGroupRow group) => JsonSerializer.Deserialize<List<Guid>>(group.BodyIdsJson, JsonSerializerOptions.Web) ?? [];

    public static IReadOnlyList<Guid> Invitees(MeetingGroupRow group) => JsonSerializer.Deserialize<List<Guid>>(group.InviteeIdsJson, JsonSerializerOptions.Web) ?? [];

    public static IReadOnlyList<Guid> People(MeetingGroupRow group) => [.. Invitees(group).Prepend(group.ConvenerId).Distinct()];

    public static string RecordPrefix(int year, int quarter) => string.Create(CultureInfo.InvariantCulture, $"meeting:{year}q{quarter}:");

    /// <summary>The recording task's key names the meeting's start, so a moved meeting gets a fresh task.</summary>
    public static string RecordKey(JointMeetingRow meeting) =>
        RecordPrefix(meeting.Year, meeting.Quarter) + meeting.StartsAt.UtcTicks.ToString(CultureInfo.InvariantCulture);

    private async Task<(int Added, int Moved)> PlanGroupAsync(MeetingGroupRow group, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var today = ChinaInstant.Of(now).LocalDate;
        var proposals = JointMeetingRules.Between(today, today.AddYears(1), calendar: await holidays.CurrentAsync(cancellationToken));
        List<JointMeetingRow> upcoming;
        var (added, moved) = (0, 0);
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            var known = await db.JointMeetings.Where(m => m.GroupId == group.Id).ToListAsync(cancellationToken);
            // The calendar may have changed since a meeting was proposed (an admin's override): a future meeting its
            // convener did not move goes to the day its rule now gives; the new start gives it fresh reminders and task.
            foreach (var meeting in known.Where(m => m.StartsAt > now && m.MovedBecause is null))
                if (proposals.FirstOrDefault(p => p.Year == meeting.Year && p.Quarter == meeting.Quarter) is { } rule && rule.Start.Utc != meeting.StartsAt)
                {
                    meeting.StartsAt = rule.Start.Utc;
                    moved++;
                }
            foreach (var proposal in proposals.Where(p => known.All(m => m.Year != p.Year || m.Quarter != p.Quarter)))
            {
                db.JointMeetings.Add(new JointMeetingRow { GroupId = group.Id, Year = proposal.Year, Quarter = proposal.Quarter, StartsAt = proposal.Start.Utc });
                added++;
            }
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException conflict) when (StorageErrors.IsConflict(conflict))
            {
                // Another node proposed the same quarters a moment earlier; theirs stand.
            }
            upcoming = await db.JointMeetings.AsNoTracking().Where(m => m.GroupId == group.Id).ToListAsync(cancellationToken);
        }
        // Reminders and the recording task are planned with the meeting; what lacks its recording task (just proposed, or
        // interrupted by a crash) is planned now, until its recording task would have opened.
        var scheduled = (await followUps.ListAsync(group.Id, "meeting:", cancellationToken)).Select(f => f.Key).ToHashSet();
        var opensAfterStart = new JointMeetingSettings().RecordOpensAfterStart;
        foreach (var meeting in upcoming.Where(m => m.StartsAt + opensAfterStart > now && !scheduled.Contains(RecordKey(m))))
            await ScheduleAsync(group, meeting, cancellationToken);
        return (added, moved);
    }

    /// <summary>Reminders, calendar entries and the recording task of one meeting as it now stands.</summary>
    private async Task ScheduleAsync(MeetingGroupRow group, JointMeetingRow meeting, CancellationToken cancellationToken)
    {
        var start = ChinaInstant.Of(meeting.StartsAt);
        var proposal = JointMeetingRules.At(meeting.Year, meeting.Quarter, start) with
        {
            Moved = JointMeetingRules.MovedBy(meeting.Year, meeting.Quarter, start, await holidays.CurrentAsync(cancellationToken)),
        };
        await planner.PlanAsync(JointMeetingReminders.Plan(group.Id, group.Name, proposal, group.ConvenerId, Invitees(group), clock.GetUtcNow(), meeting.Location ?? group.Location),
            cancellationToken);
        var opensAt = proposal.Record.Opened.Iso;
        await followUps.SyncAsync(group.Id, RecordPrefix(meeting.Year, meeting.Quarter), RecordDefinition, new Dictionary<string, JsonObject?>
        {
            [RecordKey(meeting)] = new()
            {
                ["groupId"] = group.Id.ToString(), ["groupName"] = group.Name, ["regionCode"] = group.RegionCode, ["convenerId"] = group.ConvenerId.ToString(),
                ["year"] = meeting.Year, ["quarter"] = meeting.Quarter, ["recordOpensAt"] = opensAt,
            },
        }, "system", meeting.MovedBecause ?? "meeting moved", cancellationToken);
    }

    internal static FederationException NoMeeting(int year, int quarter) =>
        Errors.NotFound("joint-meeting", $"没有 {year} 年第 {quarter} 季度的联席会", $"joint meeting '{year}Q{quarter}' does not exist or is outside your region");

    private static FederationValidationException LocationTooLong() => Errors.Invalid("location", "location-length", "地点不超过 200 个字符", "at most 200 characters");

    internal Task<IReadOnlyDictionary<Guid, string>> BodyNamesAsync(MeetingGroupRow group, CancellationToken cancellationToken) =>
        registry.NamesAsync([.. Bodies(group)], cancellationToken);
}
