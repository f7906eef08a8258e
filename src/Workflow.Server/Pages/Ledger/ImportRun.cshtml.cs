using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Workflow.Server.Accounts;

namespace Workflow.Server.Pages.Ledger;

/// <summary>A background import's progress (rows read, a bar when the file's size says how many to expect), then its report and the rows it wrote.</summary>
[Authorize(Policy = Policies.Officer)]
public sealed class ImportRunModel(ImportRuns runs) : PageModel
{
    public ImportRun Run { get; private set; } = null!;

    public IActionResult OnGet(Guid run)
    {
        // Another officer's run answers as one that does not exist.
        if (runs.Get(run, Caller.From(User).UserName) is not { } found) return NotFound();
        Run = found;
        return Page();
    }
}
