using Microsoft.AspNetCore.Mvc.RazorPages;
using Workflow.Federation.Registry;
using Workflow.Server.Accounts;
using Workflow.Server.Ledger;

namespace Workflow.Server.Pages.Bodies;

/// <summary>组织: the founded bodies and micro-homes of the caller's region, by the service behind <c>GET /api/bodies</c>.</summary>
public sealed class IndexModel(RegistryService registry) : PageModel
{
    public const int PageSize = 30;

    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true)] public string? After { get; set; }
    public BodySlice Slice { get; private set; } = new([], null, 0);

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Slice = await registry.SliceAsync(Scope.Of(Caller.From(User), null).Value, null, After, PageSize, cancellationToken);

    public static string Link(string? after) => after is null ? "/bodies" : $"/bodies?after={Uri.EscapeDataString(after)}";
}
