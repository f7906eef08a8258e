using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Workflow.Server.Accounts;

namespace Workflow.Server.Pages.Admin;

/// <summary>管理: where an admin finds users, regions, definitions, instances, the job dashboard and the API page.</summary>
[Authorize(Policy = Policies.Admin)]
public sealed class IndexModel : PageModel
{
    public void OnGet()
    {
    }
}
