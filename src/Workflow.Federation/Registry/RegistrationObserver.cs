using Microsoft.Extensions.DependencyInjection;
using Workflow.Engine;
using Workflow.Federation.Founding;

namespace Workflow.Federation.Registry;

/// <summary>
/// A founding that ends in registration: the body's set-up task and its re-election follow at once, whichever way the
/// founding ended (a decision, a timer, a retry). The hourly <see cref="AfterRegistration"/> run catches up on any the
/// process missed by crashing between the commit and this call.
/// </summary>
internal sealed class RegistrationObserver(IServiceProvider services) : IInstanceFinishedObserver
{
    public async Task OnFinishedAsync(InstanceFinished finished, CancellationToken cancellationToken)
    {
        if (finished is not { DefinitionId: FoundingService.WorkflowId, Result: FoundingOutcomes.Founded }) return;
        // Resolved when needed: AfterRegistration starts workflows through the runtime that holds this observer.
        await services.GetRequiredService<AfterRegistration>().PlanAsync(cancellationToken);
    }
}
