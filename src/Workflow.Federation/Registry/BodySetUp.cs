using Microsoft.EntityFrameworkCore;
using Workflow.Engine;
using Workflow.Engine.Execution;
using Workflow.Federation.Common;
using Workflow.Federation.DutyGroups;
using Workflow.Federation.FollowUps;
using Workflow.Federation.Rotations;
using Workflow.Federation.Storage;
using Workflow.Persistence.Instances;
using Workflow.Persistence.Runtime;

namespace Workflow.Federation.Registry;

/// <summary>
/// Once every elected leader of a body has an account (she accepted her invitation, or an officer linked her), its rotating
/// presidium and its duty groups plan themselves from the leaders, and the officers' set-up task closes itself when both
/// plans exist. A plan an officer made first is kept; anything still unlinked leaves the task to the officers. After a re-election
/// the same happens for the new committee: plans made before its term began are replaced once its leaders are linked.
/// </summary>
public sealed class BodySetUp(RegistryService registry, RotationSchedule rotation, DutyGroupSchedule dutyGroups, FollowUpService followUps,
    WorkflowRuntime runtime, InstanceQueries instances, IDbContextFactory<FederationDbContext> contexts, TimeProvider clock)
{
    private const string Actor = "system";

    /// <summary>Seed 003's groups hold 5–7 executives: the groups are as many as make about six each.</summary>
    private const double ExecutivesPerGroup = 6.0;

    public async Task CompleteWhenReadyAsync(Guid bodyId, CancellationToken cancellationToken)
    {
        var body = await registry.GetAsync(bodyId, cancellationToken);
        var elected = body.Leaders.Where(l => l.Role is LeaderRole.Chair or LeaderRole.ViceChair or LeaderRole.ExecutiveMember).ToList();
        if (elected.Count == 0 || elected.Any(l => l.UserId is null)) return;
        try
        {
            await PlanAsync(body, elected.Count, new Acting(Guid.Empty, Actor, body.RegionCode, IsAdmin: true), cancellationToken);
        }
        catch (FederationException)
        {
            // The rules refused a plan made from the leaders (e.g. an account that lost its role): the officers' task stays open for them.
            return;
        }
        await CloseSetUpTaskAsync(bodyId, cancellationToken);
    }

    private async Task PlanAsync(FederationBody body, int executives, Acting system, CancellationToken cancellationToken)
    {
        var bodyId = body.Id;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            var today = ChinaInstant.Of(clock.GetUtcNow()).LocalDate;
            // Turns start on the first of next month, and never before the body was founded (or its term began).
            var start = new DateOnly(today.Year, today.Month, 1).AddMonths(1);
            if (body.FoundedOn is { } founded && founded > start) start = founded;
            var term = ReElectedOn(body);
            if (term > start) start = term.Value;
            // After a re-election, plans made before the new term began are the old committee's: they are made again from the new one.
            var since = term is { } began ? ChinaInstant.At(began, TimeOnly.MinValue).Utc : DateTimeOffset.MinValue;
            var rotationPlanned = await db.BodyRotations.AsNoTracking().Where(r => r.BodyId == bodyId).Select(r => r.UpdatedAt).ToListAsync(cancellationToken);
            if (!rotationPlanned.Any(updated => updated >= since))
                await rotation.PlanAsync(system, bodyId, new RotationRequest(start, null, null, null, null), cancellationToken);
            var dutyGroupsPlanned = await db.BodyDutyGroups.AsNoTracking().Where(r => r.BodyId == bodyId).Select(r => r.UpdatedAt).ToListAsync(cancellationToken);
            if (!dutyGroupsPlanned.Any(updated => updated >= since))
            {
                var groups = Math.Max(1, (int)Math.Round(executives / ExecutivesPerGroup, MidpointRounding.AwayFromZero));
                await dutyGroups.PlanAsync(system, bodyId, new DutyGroupsRequest(start, null, groups, executives / groups, (executives + groups - 1) / groups), cancellationToken);
            }
        }
    }

    /// <summary>The day the leaders in office took over from an earlier term (换届); null for a body still in its founding term.</summary>
    private static DateOnly? ReElectedOn(FederationBody body) =>
        body.FormerLeaders is { Count: > 0 } && body.Leaders.Count > 0 ? body.Leaders.Min(l => l.TermStart) : null;

    private async Task CloseSetUpTaskAsync(Guid bodyId, CancellationToken cancellationToken)
    {
        var setUp = (await followUps.ListAsync(bodyId, AfterRegistration.SetUpKey, cancellationToken)).FirstOrDefault(f => f.Key == AfterRegistration.SetUpKey);
        if (setUp is null) return;
        var instance = await instances.GetAsync(setUp.InstanceId, cancellationToken);
        if (instance.Status != InstanceStatus.Blocked) return;
        foreach (var bookmark in instance.Bookmarks.Where(b => b.Kind == BookmarkKind.UserTask))
        {
            try
            {
                await runtime.ResumeAsync(new ResumeRequest(bookmark.Id, Actor, "done", null,
                    "轮值主席团与执委轮值已按当选领导成员自动安排 / the rotating presidium and the duty groups were planned from the elected leaders"), cancellationToken);
            }
            catch (ConcurrencyConflictException)
            {
                // An officer closed it at the same moment: it is closed either way.
            }
        }
    }
}
