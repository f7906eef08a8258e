using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Federation.Common;
using Workflow.Federation.DutyGroups;
using Workflow.Federation.JointMeetings;
using Workflow.Federation.Registry;
using Workflow.Federation.Storage;

namespace Workflow.Federation.Activities;

/// <summary>
/// Kind by its camelCase name: jointMeeting (minutes required), dutyGroupActivity (dutyGroup and attendees required),
/// hostedActivity (hostedBy required: the member federation that hosted it), loveMotherTeam, loveMotherPairing.
/// </summary>
public sealed record RecordActivityRequest(string? Kind, DateOnly? HeldOn, string? Summary, string? Minutes, int? DutyGroup, string? Attendees, string? HostedBy);

public sealed record ActivityView(Guid Id, string Kind, DateOnly HeldOn, string Summary, string? Minutes, int? DutyGroup, string? Attendees, string? HostedBy,
    DateTimeOffset RecordedAt, string RecordedBy);

/// <summary>A body that has gone quiet (not active), with what is missing and when it last did anything recorded.</summary>
public sealed record QuietBody(Guid Id, string Name, string RegionCode, IReadOnlyList<CodedMessage> Missing, DateOnly? LastActivityOn);

/// <summary>
/// Records what bodies do and judges them active (有效) by <see cref="ActivityRules"/>; joint meetings recorded by their convener count.
/// <see cref="MeetingRecords"/> (which needs the engine's runtime) is resolved only for a body in a joint meeting group, so coverage
/// figures also work in a host without the engine.
/// </summary>
public sealed class BodyActivities(BodyAccess access, RegistryService registry, IServiceProvider services, IDbContextFactory<FederationDbContext> contexts, TimeProvider clock)
{
    public static string KindName(ActivityKind kind) => JsonNamingPolicy.CamelCase.ConvertName(kind.ToString());

    public async Task<ActivityView> RecordAsync(Acting actor, Guid bodyId, RecordActivityRequest request, CancellationToken cancellationToken)
    {
        await access.VisibleAsync(actor, bodyId, cancellationToken);
        var groups = await DutyGroupNumbersAsync(bodyId, cancellationToken);
        var kind = Validate(request, groups, ChinaInstant.Of(clock.GetUtcNow()).LocalDate);
        var row = new BodyActivityRow
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()), BodyId = bodyId, Kind = kind, HeldOn = request.HeldOn!.Value, Summary = request.Summary!.Trim(),
            Minutes = Trimmed(request.Minutes), DutyGroup = kind == ActivityKind.DutyGroupActivity ? request.DutyGroup : null, Attendees = Trimmed(request.Attendees),
            HostedBy = Trimmed(request.HostedBy), RecordedAt = clock.GetUtcNow(), RecordedBy = actor.UserName,
        };
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.BodyActivities.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        return View(row);
    }

    /// <summary>The body's activities, newest first.</summary>
    public async Task<IReadOnlyList<ActivityView>> ListAsync(Acting actor, Guid bodyId, CancellationToken cancellationToken)
    {
        await access.VisibleAsync(actor, bodyId, cancellationToken);
        return [.. (await RowsAsync(bodyId, cancellationToken)).Select(View)];
    }

    public async Task<ActivityStatus> StatusAsync(Acting actor, Guid bodyId, CancellationToken cancellationToken)
    {
        await access.VisibleAsync(actor, bodyId, cancellationToken);
        return (await StatusesAsync([bodyId], cancellationToken))[bodyId];
    }

    /// <summary>The founded bodies in the actor's region that are not active, so an officer can visit them.</summary>
    public async Task<IReadOnlyList<QuietBody>> QuietAsync(Acting actor, CancellationToken cancellationToken)
    {
        var bodies = (await registry.FoundedAsync(cancellationToken)).Where(b => actor.Covers(b.RegionCode)).OrderBy(b => b.RegionCode).ThenBy(b => b.Name).ToList();
        var statuses = await StatusesAsync([.. bodies.Select(b => b.Id)], cancellationToken);
        return [.. bodies.Select(b => (Body: b, Status: statuses[b.Id])).Where(x => !x.Status.Active)
            .Select(x => new QuietBody(x.Body.Id, x.Body.Name, x.Body.RegionCode, x.Status.Missing, x.Status.LastActivityOn))];
    }

    /// <summary>Which of the given bodies are active now: the effective coverage counts them.</summary>
    public async Task<IReadOnlySet<Guid>> ActiveAsync(IReadOnlyCollection<Guid> bodyIds, CancellationToken cancellationToken) =>
        (await StatusesAsync(bodyIds, cancellationToken)).Where(s => s.Value.Active).Select(s => s.Key).ToHashSet();

    /// <summary>
    /// Every body's status from a few reads whatever their number (coverage judges a district's 2,000 bodies at once): the meeting
    /// groups, the held meetings of the groups these bodies belong to, and the duty plans and activities of the bodies.
    /// </summary>
    private async Task<Dictionary<Guid, ActivityStatus>> StatusesAsync(IReadOnlyCollection<Guid> bodyIds, CancellationToken cancellationToken)
    {
        var ids = bodyIds.Distinct().ToList();
        var groups = (await MeetingGroupsAsync(cancellationToken)).Select(g => (Row: g, Bodies: JointMeetingGroups.Bodies(g).ToHashSet())).ToList();
        var wanted = ids.ToHashSet();
        var heldByGroup = new Dictionary<Guid, IReadOnlyList<(int Year, int Quarter)>>();
        foreach (var group in groups.Where(g => g.Bodies.Overlaps(wanted)))
            heldByGroup[group.Row.Id] = await services.GetRequiredService<MeetingRecords>().HeldAsync(group.Row, cancellationToken);
        Dictionary<Guid, string> turnsJson;
        List<BodyActivityRow> rows;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            turnsJson = await db.BodyDutyGroups.AsNoTracking().Where(r => ids.Contains(r.BodyId)).ToDictionaryAsync(r => r.BodyId, r => r.TurnsJson, cancellationToken);
            rows = await db.BodyActivities.AsNoTracking().Where(a => ids.Contains(a.BodyId)).ToListAsync(cancellationToken);
        }
        var activitiesOf = rows.OrderByDescending(a => a.HeldOn).ThenByDescending(a => a.RecordedAt).ToLookup(a => a.BodyId);
        var now = clock.GetUtcNow();
        var statuses = new Dictionary<Guid, ActivityStatus>();
        foreach (var id in ids)
        {
            var mine = groups.Where(g => g.Bodies.Contains(id)).ToList();
            var held = mine.SelectMany(g => heldByGroup[g.Row.Id]).Select(q => new Quarter(q.Year, q.Quarter)).ToHashSet();
            var turns = turnsJson.TryGetValue(id, out var json) ? JsonSerializer.Deserialize<List<DutyTurn>>(json, JsonSerializerOptions.Web) ?? [] : [];
            var plan = new ActivityPlan(mine.Count > 0, held, [.. turns.Select(t => new PlannedTurn(t.Group.Number, t.FirstDay, t.LastDay))], [.. activitiesOf[id]]);
            statuses[id] = ActivityRules.Evaluate(plan, now);
        }
        return statuses;
    }

    private async Task<List<MeetingGroupRow>> MeetingGroupsAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.MeetingGroups.AsNoTracking().ToListAsync(cancellationToken);
    }

    private async Task<List<BodyActivityRow>> RowsAsync(Guid bodyId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.BodyActivities.AsNoTracking().Where(a => a.BodyId == bodyId).ToListAsync(cancellationToken);
        return [.. rows.OrderByDescending(a => a.HeldOn).ThenByDescending(a => a.RecordedAt)];
    }

    private async Task<IReadOnlySet<int>> DutyGroupNumbersAsync(Guid bodyId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.BodyDutyGroups.AsNoTracking().SingleOrDefaultAsync(r => r.BodyId == bodyId, cancellationToken);
        return row is null ? new HashSet<int>() : (JsonSerializer.Deserialize<List<DutyGroup>>(row.GroupsJson, JsonSerializerOptions.Web) ?? []).Select(g => g.Number).ToHashSet();
    }

    private static ActivityKind Validate(RecordActivityRequest request, IReadOnlySet<int> dutyGroups, DateOnly today)
    {
        var kind = Enum.GetValues<ActivityKind>().Cast<ActivityKind?>().FirstOrDefault(k => string.Equals(KindName(k!.Value), request.Kind?.Trim(), StringComparison.OrdinalIgnoreCase));
        if (kind is null)
            throw Errors.Invalid("kind", "activity-kind", "活动类型应为联席会、执委轮值活动、承办活动、爱心妈妈队伍或爱心妈妈结对之一",
                "the kind is one of jointMeeting, dutyGroupActivity, hostedActivity, loveMotherTeam, loveMotherPairing");
        var problems = new List<FieldProblem>();
        if (request.HeldOn is null) problems.Add(Errors.Field("heldOn", "held-on-required", "请填写活动日期", "give the date of the activity"));
        else if (request.HeldOn > today) problems.Add(Errors.Field("heldOn", "held-on-future", "活动日期不能晚于今天（北京时间）", "an activity cannot be dated after today (China time)"));
        if (string.IsNullOrWhiteSpace(request.Summary)) problems.Add(Errors.Field("summary", "summary-required", "请填写活动内容", "say what was done"));
        else if (request.Summary.Length > 500) problems.Add(Errors.Field("summary", "summary-length", "活动内容不超过 500 字", "at most 500 characters"));
        if ((request.Minutes?.Length ?? 0) > 20000 || (request.Attendees?.Length ?? 0) > 4000 || (request.HostedBy?.Length ?? 0) > 200)
            problems.Add(Errors.Field("minutes", "activity-length", "纪要不超过 20000 字，参加人员不超过 4000 字，承办单位不超过 200 字",
                "minutes at most 20,000, attendees 4,000 and host 200 characters"));
        switch (kind)
        {
            case ActivityKind.JointMeeting when string.IsNullOrWhiteSpace(request.Minutes):
                problems.Add(Errors.Field("minutes", "minutes-required", "请填写会议纪要", "give the minutes of the meeting"));
                break;
            case ActivityKind.DutyGroupActivity:
                if (request.DutyGroup is null) problems.Add(Errors.Field("dutyGroup", "duty-group-required", "请选择开展活动的执委轮值小组", "say which duty group held it"));
                else if (!dutyGroups.Contains(request.DutyGroup.Value))
                    problems.Add(Errors.Field("dutyGroup", "duty-group-unknown", $"本组织没有第{request.DutyGroup}执委轮值小组", $"this body has no duty group {request.DutyGroup}"));
                if (string.IsNullOrWhiteSpace(request.Attendees)) problems.Add(Errors.Field("attendees", "attendees-required", "请填写参加人员", "name who came"));
                break;
            case ActivityKind.HostedActivity when string.IsNullOrWhiteSpace(request.HostedBy):
                problems.Add(Errors.Field("hostedBy", "hosted-by-required", "请填写承办的成员妇联", "name the member federation that hosted it"));
                break;
        }
        if (problems.Count > 0) throw new FederationValidationException([.. problems]);
        return kind.Value;
    }

    private static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static ActivityView View(BodyActivityRow r) =>
        new(r.Id, KindName(r.Kind), r.HeldOn, r.Summary, r.Minutes, r.DutyGroup, r.Attendees, r.HostedBy, r.RecordedAt, r.RecordedBy);
}
