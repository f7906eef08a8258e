using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Workflow.Engine;
using Workflow.Persistence.Definitions;
using Workflow.Persistence.Storage;
using Workflow.Server.Accounts;
using Workflow.Server.Diagrams;
using Workflow.Server.Engine;

namespace Workflow.Server.Pages.Admin;

/// <summary>One published version: its JSON as stored and its diagram, drawn as the request pages draw an instance's (without progress).</summary>
[Authorize(Policy = Policies.Admin)]
public sealed class DefinitionVersionModel(DefinitionStore store, DefinitionCatalog catalog, WorkflowDiagram diagram, IDbContextFactory<WorkflowDbContext> contexts) : PageModel
{
    public DefinitionVersionSummary Summary { get; private set; } = null!;
    public string Json { get; private set; } = "";
    public string Svg { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string id, int version, CancellationToken cancellationToken)
    {
        var summary = (await catalog.VersionsAsync(id, cancellationToken)).FirstOrDefault(v => v.Version == version);
        var json = await DefinitionsModel.VersionJsonAsync(contexts, id, version, cancellationToken);
        if (summary is null || json is null) return NotFound();
        (Summary, Json) = (summary, json);
        try
        {
            Svg = diagram.Render(await store.GetAsync(id, version, cancellationToken), null, CultureInfo.CurrentUICulture);
        }
        catch (WorkflowException)
        {
            // A version that no longer loads with this build (StoredVersionsCheck names them) still shows its JSON.
            Svg = "";
        }
        return Page();
    }
}
