using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Engine;
using Workflow.Federation.Registry;
using Workflow.Federation.Reminders;
using Workflow.Federation.Storage;

namespace Workflow.Federation.ReElection;

/// <summary>
/// A re-election that installed a new leadership: the old term's re-election reminders still to come are withdrawn, the new
/// term gets its own reminders and request (keyed by its end), the elected get their activation codes, and once the new
/// committee's leaders are linked the rotation and the duty groups are planned again from it (<see cref="BodySetUp"/>).
/// </summary>
internal sealed class ReElectionObserver(IServiceProvider services) : IInstanceFinishedObserver
{
    public const string ReElected = "reElected";

    public async Task OnFinishedAsync(InstanceFinished finished, CancellationToken cancellationToken)
    {
        if (finished is not { DefinitionId: AfterRegistration.Definition, Result: ReElected }) return;
        Guid? bodyId;
        await using (var db = await services.GetRequiredService<FederationWriter>().ReadAsync(cancellationToken))
            bodyId = await db.FoundingRequests.AsNoTracking().Where(r => r.InstanceId == finished.InstanceId).Select(r => r.BodyId).SingleOrDefaultAsync(cancellationToken);
        if (bodyId is not { } body) return;
        await services.GetRequiredService<IReminderPlanning>().CancelAsync(ReminderKeys.Prefix("re-election", body), cancellationToken);
        // Resolved when needed: both start workflows through the runtime that holds this observer.
        await services.GetRequiredService<AfterRegistration>().PlanAsync(cancellationToken);
        await services.GetRequiredService<BodySetUp>().CompleteWhenReadyAsync(body, cancellationToken);
    }
}
