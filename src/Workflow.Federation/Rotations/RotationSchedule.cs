using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Workflow.Federation.Common;
using Workflow.Federation.Elections;
using Workflow.Federation.FollowUps;
using Workflow.Federation.ReElection;
using Workflow.Federation.Registry;
using Workflow.Federation.Reminders;
using Workflow.Federation.Storage;
using Workflow.Persistence.Storage;

namespace Workflow.Federation.Rotations;

/// <summary>Without an order, the chair and vice-chairs as linked to their accounts.</summary>
public sealed record RotationRequest(DateOnly Start, IReadOnlyList<Guid>? Order, int? MonthsPerTurn, int? ReminderDaysBefore, string? Reason);

/// <summary>Two periods by number (from 1) trade chairs.</summary>
public sealed record SwapRequest(int First, int Second, [Present] string Reason);

/// <summary>The period by number (from 1) whose chair gives it up.</summary>
public sealed record SkipRequest(int Period, [Present] string Reason);

/// <summary>One of a period's reminders: <c>ahead</c> or <c>first-day</c>, when it is due, where it stands and how it went out.</summary>
public sealed record PeriodReminderView(string Moment, DateTimeOffset DueAt, ReminderStage Stage, bool Late, IReadOnlyList<ReminderDelivery> Deliveries);

/// <summary>A period numbered from 1, with the reminders planned for it (none for moments that had passed when it was planned).</summary>
public sealed record RotationPeriodView(int Number, Guid PersonId, string? PersonName, DateOnly FirstDay, DateOnly LastDay, bool Current,
    IReadOnlyList<PeriodReminderView> Reminders);

public sealed record RotationAdjustmentView(RotationAdjustmentKind Kind, DateOnly MadeOn, IReadOnlyList<int> PeriodNumbers, string Reason);

public sealed record RotationView(Guid BodyId, IReadOnlyList<Guid> Order, DateOnly Start, DateOnly TermEnd, int MonthsPerTurn, int ReminderDaysBefore,
    IReadOnlyList<RotationPeriodView> Periods, IReadOnlyList<RotationAdjustmentView> Adjustments, PlanResult? Reminders = null, FollowUpSync? Handovers = null);

/// <summary>
/// A body's rotating presidium (轮值主席团, seed 004): planned once, then swapped, skipped or rebuilt when the leadership
/// changes. Each change replaces the reminders still to come, tells the people whose periods moved, and keeps one
/// handover task per change of chair.
/// </summary>
public sealed class RotationSchedule(BodyAccess access, IReminderPlanning planner, FollowUpService followUps, IDbContextFactory<FederationDbContext> contexts, TimeProvider clock)
{
    public const string HandoverDefinition = "rotation-handover";

    public async Task<RotationView> GetAsync(Acting actor, Guid bodyId, CancellationToken cancellationToken)
    {
        await access.VisibleAsync(actor, bodyId, cancellationToken);
        var (plan, _) = await StoredAsync(bodyId, cancellationToken) ?? throw NoRotation(bodyId);
        return await ViewAsync(bodyId, plan, null, null, cancellationToken);
    }

    /// <summary>A first plan, or a new order for a plan already running (the leadership changed): then begun periods stay and a reason is required.</summary>
    public async Task<RotationView> PlanAsync(Acting actor, Guid bodyId, RotationRequest request, CancellationToken cancellationToken)
    {
        var proposal = await ProposeAsync(actor, bodyId, request, cancellationToken);
        return await ApplyAsync(actor, proposal.Body, proposal.Plan, proposal.Change, proposal.Revision, cancellationToken);
    }

    /// <summary>
    /// The periods <see cref="PlanAsync"/> would leave, checked by the same rules and stored nowhere: what the body page shows
    /// the officer before she confirms a plan or a re-plan.
    /// </summary>
    public async Task<IReadOnlyList<RotationPeriodView>> PreviewAsync(Acting actor, Guid bodyId, RotationRequest request, CancellationToken cancellationToken)
    {
        var plan = (await ProposeAsync(actor, bodyId, request, cancellationToken)).Plan;
        var names = await access.NamesAsync(plan.Periods.Select(p => Guid.Parse(p.PersonId)), cancellationToken);
        var today = ChinaInstant.Of(clock.GetUtcNow()).LocalDate;
        return [.. plan.Periods.Select(p =>
        {
            var person = Guid.Parse(p.PersonId);
            return new RotationPeriodView(p.Number, person, names.GetValueOrDefault(person), p.FirstDay, p.LastDay, p.FirstDay <= today && today <= p.LastDay, []);
        })];
    }

    private sealed record Proposal(FederationBody Body, RotationPlan Plan, RotationChange? Change, long? Revision);

    private async Task<Proposal> ProposeAsync(Acting actor, Guid bodyId, RotationRequest request, CancellationToken cancellationToken)
    {
        var body = await access.VisibleAsync(actor, bodyId, cancellationToken);
        var people = request.Order is { Count: > 0 } named ? named : BodyLeaders.Presidium(body);
        await access.CheckPeopleAsync(people, AccountRoles.Chair, body.RegionCode, "order", cancellationToken);
        if (request.MonthsPerTurn is < 1 or > 12) throw Errors.Invalid("monthsPerTurn", "months-per-turn", "每期 1 至 12 个月", "1 to 12 months");
        if (request.ReminderDaysBefore is < 1 or > 60) throw Errors.Invalid("reminderDaysBefore", "reminder-days", "提前 1 至 60 天提醒", "1 to 60 days");
        var order = people.Select(id => id.ToString()).ToList();
        var stored = await StoredAsync(bodyId, cancellationToken);
        var today = ChinaInstant.Of(clock.GetUtcNow()).LocalDate;
        // A plan of an earlier term (the body was re-elected since) is not rebuilt but replaced: the new term plans afresh.
        if (stored is { } running && running.Plan.Start <= today && running.Plan.TermEnd >= (body.TermEndsOn ?? running.Plan.TermEnd))
        {
            if (string.IsNullOrWhiteSpace(request.Reason))
                throw Errors.Invalid("reason", "reason-required", "轮值已经开始，请说明调整的理由（例如领导班子变动）", "the rotation has begun: say why it changes (e.g. the leadership changed)");
            var rebuilt = RotatingPresidium.Rebuild(running.Plan, order, request.Reason, today);
            if (!rebuilt.IsAccepted) throw new RuleRefusedException(rebuilt.Refusals);
            return new Proposal(body, rebuilt.Accepted.Plan, rebuilt.Accepted, running.Revision);
        }

        var defaults = new RotationSettings();
        var settings = defaults with
        {
            MonthsPerTurn = request.MonthsPerTurn ?? defaults.MonthsPerTurn,
            ReminderDaysBefore = request.ReminderDaysBefore ?? defaults.ReminderDaysBefore,
        };
        var planned = RotatingPresidium.Plan(order, request.Start, body.TermEndsOn ?? ReElectionRules.TermEnd(request.Start), settings, body.FoundedOn);
        if (!planned.IsAccepted) throw new RuleRefusedException(planned.Refusals);
        return new Proposal(body, planned.Accepted, null, stored?.Revision);
    }

    public Task<RotationView> SwapAsync(Acting actor, Guid bodyId, SwapRequest request, CancellationToken cancellationToken) =>
        ChangeAsync(actor, bodyId, (plan, today) => RotatingPresidium.Swap(plan, request.First - 1, request.Second - 1, request.Reason ?? "", today), cancellationToken);

    public Task<RotationView> SkipAsync(Acting actor, Guid bodyId, SkipRequest request, CancellationToken cancellationToken) =>
        ChangeAsync(actor, bodyId, (plan, today) => RotatingPresidium.Skip(plan, request.Period - 1, request.Reason ?? "", today), cancellationToken);

    private async Task<RotationView> ChangeAsync(Acting actor, Guid bodyId, Func<RotationPlan, DateOnly, Checked<RotationChange>> change, CancellationToken cancellationToken)
    {
        var body = await access.VisibleAsync(actor, bodyId, cancellationToken);
        var (plan, revision) = await StoredAsync(bodyId, cancellationToken) ?? throw NoRotation(bodyId);
        var changed = change(plan, ChinaInstant.Of(clock.GetUtcNow()).LocalDate);
        if (!changed.IsAccepted) throw new RuleRefusedException(changed.Refusals);
        return await ApplyAsync(actor, body, changed.Accepted.Plan, changed.Accepted, revision, cancellationToken);
    }

    private async Task<RotationView> ApplyAsync(Acting actor, FederationBody body, RotationPlan plan, RotationChange? change, long? expectedRevision, CancellationToken cancellationToken)
    {
        await SaveAsync(actor, body.Id, plan, expectedRevision, cancellationToken);
        var now = clock.GetUtcNow();
        // Future reminders follow the plan as it now stands; delivered ones stay delivered.
        await planner.CancelAsync(ReminderKeys.Prefix("rotation", body.Id), cancellationToken);
        var reminders = RotationReminders.Plan(body.Id, body.Name, plan, now);
        if (change is not null) reminders += RotationReminders.Changed(body.Id, body.Name, change, now);
        var planned = await planner.PlanAsync(reminders, cancellationToken);
        var handovers = await followUps.SyncAsync(body.Id, "handover:", HandoverDefinition, Handovers(body, plan, now), actor.UserName,
            change?.Plan.Adjustments[^1].Reason ?? "轮值重新安排（rotation replanned）", cancellationToken);
        return await ViewAsync(body.Id, plan, planned, handovers, cancellationToken);
    }

    /// <summary>
    /// One handover per change of chair: the outgoing chair confirms it on the incoming one's first day. The key carries that
    /// day, so when a re-plan moves the periods the handovers at the old dates are withdrawn and new ones wait for the new dates.
    /// Handovers whose moment has passed are kept as they are (an open one still waits for its confirmation) but never started late.
    /// </summary>
    private static Dictionary<string, JsonObject?> Handovers(FederationBody body, RotationPlan plan, DateTimeOffset now)
    {
        var wanted = new Dictionary<string, JsonObject?>();
        foreach (var (outgoing, incoming) in plan.Periods.Zip(plan.Periods.Skip(1)))
        {
            if (outgoing.PersonId == incoming.PersonId) continue;
            var at = ChinaInstant.At(incoming.FirstDay, plan.Settings.ReminderTime);
            var key = ReminderKeys.Handover(incoming.Number, incoming.FirstDay, outgoing.PersonId, incoming.PersonId);
            wanted[key] = at.Utc <= now ? null : new JsonObject
            {
                ["bodyId"] = body.Id.ToString(), ["bodyName"] = body.Name, ["regionCode"] = body.RegionCode,
                ["outgoingUserId"] = outgoing.PersonId, ["incomingUserId"] = incoming.PersonId, ["period"] = incoming.Number,
                ["handoverAt"] = at.Iso,
            };
        }
        return wanted;
    }

    /// <summary>The plan as stored, with the revision a change must find unchanged.</summary>
    internal async Task<(RotationPlan Plan, long Revision)?> StoredAsync(Guid bodyId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.BodyRotations.AsNoTracking().SingleOrDefaultAsync(r => r.BodyId == bodyId, cancellationToken);
        return row is null ? null : (JsonSerializer.Deserialize<RotationPlan>(row.PlanJson, JsonSerializerOptions.Web)!, row.Revision);
    }

    private async Task SaveAsync(Acting actor, Guid bodyId, RotationPlan plan, long? expectedRevision, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.BodyRotations.SingleOrDefaultAsync(r => r.BodyId == bodyId, cancellationToken);
        if (row?.Revision != expectedRevision) throw ChangedMeanwhile();
        if (row is null)
            db.BodyRotations.Add(new BodyRotationRow { BodyId = bodyId, PlanJson = "", UpdatedAt = clock.GetUtcNow(), UpdatedBy = actor.UserName });
        row ??= db.BodyRotations.Local.Single(r => r.BodyId == bodyId);
        row.PlanJson = JsonSerializer.Serialize(plan, JsonSerializerOptions.Web);
        row.UpdatedAt = clock.GetUtcNow();
        row.UpdatedBy = actor.UserName;
        row.Revision++;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException conflict) when (StorageErrors.IsConflict(conflict))
        {
            throw ChangedMeanwhile();
        }
    }

    private async Task<RotationView> ViewAsync(Guid bodyId, RotationPlan plan, PlanResult? reminders, FollowUpSync? handovers, CancellationToken cancellationToken)
    {
        var people = plan.Periods.Select(p => Guid.Parse(p.PersonId)).ToList();
        var names = await access.NamesAsync(people, cancellationToken);
        var today = ChinaInstant.Of(clock.GetUtcNow()).LocalDate;
        var planned = (await planner.ReadAsync(ReminderKeys.Prefix("rotation", bodyId), cancellationToken)).ToDictionary(r => r.Key);
        var periods = plan.Periods.Select(p =>
        {
            var person = Guid.Parse(p.PersonId);
            IReadOnlyList<PeriodReminderView> own = [.. new[] { ReminderKeys.Ahead, ReminderKeys.FirstDay }
                .Select(moment => (Moment: moment, Found: planned.GetValueOrDefault(ReminderKeys.Rotation(bodyId, p.Number, moment, person))))
                .Where(r => r.Found is not null)
                .Select(r => new PeriodReminderView(r.Moment, r.Found!.DueAt, r.Found.Stage, r.Found.Late, r.Found.Deliveries))];
            return new RotationPeriodView(p.Number, person, names.GetValueOrDefault(person), p.FirstDay, p.LastDay, p.FirstDay <= today && today <= p.LastDay, own);
        }).ToList();
        return new RotationView(bodyId, [.. plan.Order.Select(Guid.Parse)], plan.Start, plan.TermEnd, plan.Settings.MonthsPerTurn, plan.Settings.ReminderDaysBefore,
            periods, [.. plan.Adjustments.Select(a => new RotationAdjustmentView(a.Kind, a.MadeOn, a.PeriodNumbers, a.Reason))], reminders, handovers);
    }

    private static StateConflictException ChangedMeanwhile() =>
        new("schedule-changed", "轮值安排已被他人同时修改，请重新读取后再试", "someone changed this rotation meanwhile; read it again and retry");

    private static FederationException NoRotation(Guid bodyId) =>
        Errors.NotFound("rotation", $"妇联组织 {bodyId} 尚未安排轮值，或不在您的辖区内", $"rotation of body '{bodyId}' does not exist or is outside your region");
}
