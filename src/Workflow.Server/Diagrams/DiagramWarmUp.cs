using System.Globalization;
using Workflow.Persistence.Definitions;

namespace Workflow.Server.Diagrams;

/// <summary>
/// Lays out the latest version of every definition in both languages once the service has started, so that the first person
/// to open a request page does not wait for the layout engine (a few hundred milliseconds per definition on 2 cores).
/// <c>Diagrams:WarmUp=false</c> leaves it out (the test hosts, which start by the dozen).
/// </summary>
internal sealed class DiagramWarmUp(WorkflowDiagram diagram, DefinitionStore definitions, IHostApplicationLifetime lifetime, ILogger<DiagramWarmUp> logger)
    : BackgroundService
{
    private static readonly CultureInfo[] s_languages = [CultureInfo.GetCultureInfo("zh-CN"), CultureInfo.GetCultureInfo("en")];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // After start-up: the definitions of workflows/ are published by then, and requests are not held up.
        var started = new TaskCompletionSource();
        await using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        await using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
        {
            try { await started.Task; }
            catch (OperationCanceledException) { return; }
        }
        try
        {
            var latest = (await definitions.ListAsync(stoppingToken)).GroupBy(d => d.DefinitionId).Select(g => g.MaxBy(d => d.Version)!);
            foreach (var published in latest)
            {
                var definition = await definitions.GetAsync(published.DefinitionId, published.Version, stoppingToken);
                foreach (var language in s_languages)
                {
                    stoppingToken.ThrowIfCancellationRequested();
                    diagram.LayoutOf(definition, DiagramWords.For(language));
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception failed)
        {
            // Only a head start: a layout that fails here is computed (or reported) by the first page that needs it.
            logger.LogWarning(failed, "Laying out the workflow diagrams ahead failed");
        }
    }
}
