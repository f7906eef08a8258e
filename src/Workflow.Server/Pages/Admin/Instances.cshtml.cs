using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Workflow.Persistence.Runtime;
using Workflow.Server.Accounts;
using Workflow.Server.Engine;

namespace Workflow.Server.Pages.Admin;

/// <summary>流程实例与故障: an instance found by its id, its founding request's id or its correlation id; the open incidents to retry.</summary>
[Authorize(Policy = Policies.Admin)]
public sealed class InstancesModel(InstanceService instances) : PageModel
{
    /// <summary>What the request pages' links and the founding API call a request: its instance carries <c>founding:{id}</c>.</summary>
    private const string FoundingCorrelation = "founding:";

    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true, Name = "q")] public string? Query { get; set; }

    public IReadOnlyList<InstanceSummary> Found { get; private set; } = [];
    public IReadOnlyList<IncidentView> Incidents { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Incidents = await instances.IncidentsAsync(openOnly: true, cancellationToken);
        if (string.IsNullOrWhiteSpace(Query)) return;
        var query = Query.Trim();
        var found = new List<InstanceSummary>();
        foreach (var correlation in Guid.TryParse(query, out var id) ? [FoundingCorrelation + id, query] : new[] { query })
            found.AddRange((await instances.ListAsync(null, null, correlation, 1, 50, cancellationToken)).Items);
        if (Guid.TryParse(query, out var instanceId) && await instances.FindAsync(instanceId, cancellationToken) is { } instance) found.Insert(0, instance);
        Found = [.. found.DistinctBy(i => i.Id)];
    }
}
