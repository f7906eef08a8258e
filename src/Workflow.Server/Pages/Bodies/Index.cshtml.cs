using Microsoft.AspNetCore.Mvc.RazorPages;
using Workflow.Federation.Registry;
using Workflow.Server.Accounts;
using Workflow.Server.Ledger;

namespace Workflow.Server.Pages.Bodies;

/// <summary>组织: the founded bodies and micro-homes of the caller's region, by the service behind <c>GET /api/bodies</c>.</summary>
public sealed class IndexModel(RegistryService registry) : PageModel
{
    public const int PageSize = 30;

    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;
    public IReadOnlyList<FederationBody> Items { get; private set; } = [];
    public int Total { get; private set; }
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var all = await registry.ListAsync(Scope.Of(Caller.From(User), null).Value, null, cancellationToken);
        Total = all.Count;
        PageNumber = Math.Clamp(PageNumber, 1, Pages);
        Items = [.. all.Skip((PageNumber - 1) * PageSize).Take(PageSize)];
    }
}
