using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Workflow.Engine.Definitions;
using Workflow.Federation.Founding;
using Workflow.Persistence.Definitions;
using Workflow.Server.Accounts;
using Workflow.Server.Ledger;
using Workflow.Server.Pages.Site;

namespace Workflow.Server.Pages.Foundings;

/// <summary>组建申请: the region's founding requests, newest first, by the service behind <c>GET /api/foundings</c>.</summary>
public sealed class IndexModel(FoundingService foundings, DefinitionStore definitions, TimeProvider clock) : PageModel
{
    public const int PageSize = 20;
    public static readonly string[] Statuses = ["open", "founded", "rejected", "withdrawn", "cancelled"];

    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<FoundingView> Items { get; private set; } = [];
    public int Total { get; private set; }
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
    public bool MayOpen { get; private set; }
    private IReadOnlyList<WorkflowDefinition> _definitions = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var caller = Caller.From(User);
        MayOpen = caller.Has(Roles.Officer) || caller.IsAdmin;
        if (Status is not null && !Statuses.Contains(Status)) Status = null;
        var all = await foundings.ListAsync(Scope.Actor(caller), cancellationToken);
        var matching = Status is null ? all : [.. all.Where(f => f.Status == Status)];
        Total = matching.Count;
        PageNumber = Math.Clamp(PageNumber, 1, Pages);
        Items = [.. matching.Skip((PageNumber - 1) * PageSize).Take(PageSize)];
        _definitions = [await definitions.GetAsync(FoundingService.WorkflowId, cancellationToken: cancellationToken),
            await definitions.GetAsync(FoundingService.ElectionWorkflowId, cancellationToken: cancellationToken)];
    }

    /// <summary>The Chinese (or English) title of each step the request waits at, as the definition words it.</summary>
    public string Steps(FoundingView founding) => founding.WaitingAt.Count == 0 ? "—" : string.Join(Text.ListSeparator, founding.WaitingAt.Select(StepTitle));

    /// <summary>A step of the founding or of the election it runs as a child workflow: their step ids differ.</summary>
    public string StepTitle(string activityId) =>
        _definitions.Select(d => d.TryGetActivity(activityId, out var activity) ? activity : null).OfType<UserTaskActivity>().FirstOrDefault()?.Title ?? activityId;

    public int AgeInDays(FoundingView founding) => Math.Max(0, (int)(clock.GetUtcNow() - founding.CreatedAt).TotalDays);

    public string Link(int? page = null) => Url.Page("/Foundings/Index", new { status = Status, p = page is null or 1 ? null : page })!;
}
