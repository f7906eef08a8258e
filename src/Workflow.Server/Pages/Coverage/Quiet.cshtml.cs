using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Workflow.Federation.Activities;
using Workflow.Server.Accounts;

namespace Workflow.Server.Pages.Coverage;

/// <summary>
/// 已沉寂的组织: the founded bodies in the officer's region that did not hold what their plan asks in the last two complete
/// quarters (有效覆盖, issue 14), with what is missing and their last activity, so an officer knows whom to visit.
/// </summary>
[Authorize(Policy = Policies.Officer)]
public sealed class QuietModel(BodyActivities activities) : PageModel
{
    public IReadOnlyList<QuietBody> Bodies { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Bodies = await activities.QuietAsync(Caller.From(User).Acting, cancellationToken);
}
