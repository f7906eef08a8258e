using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Workflow.Server.Accounts;
using Workflow.Server.Ledger;

namespace Workflow.Server.Pages.Ledger;

/// <summary>An import job's progress (rows read, a bar when the file's size says how many to expect), then its report and the rows it wrote, from any node.</summary>
[Authorize(Policy = Policies.Officer)]
public sealed class ImportRunModel(ImportJobs jobs) : PageModel
{
    public ImportRun Run { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid run, CancellationToken cancellationToken)
    {
        // Another officer's run answers as one that does not exist.
        if (await jobs.GetAsync(run, Caller.From(User).UserName, cancellationToken) is not { } found) return NotFound();
        Run = found;
        return Page();
    }
}
