using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Workflow.Federation.Regions;
using Workflow.Server.Accounts;
using Workflow.Server.Pages.Site;
using Workflow.Server.Problems;
using Workflow.Server.Regions;
using Workflow.Server.Tasks;

namespace Workflow.Server.Pages.Tasks;

/// <summary>待办: the inbox in four tabs, filtered and paged by the same service as <c>GET /api/tasks</c>.</summary>
public sealed class IndexModel(TaskInbox inbox, TaskActions actions, RegionService regions, TimeProvider clock) : PageModel
{
    public const int PageSize = 20;
    public static readonly string[] Tabs = ["mine", "available", "handed", "done"];

    [BindProperty(SupportsGet = true)] public string Tab { get; set; } = "mine";
    [BindProperty(SupportsGet = true)] public string? Step { get; set; }
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty(SupportsGet = true)] public string? Due { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public TaskCounts Counts { get; private set; } = new(0, 0, 0, 0);
    public TaskPage? Open { get; private set; }
    public DecidedPage? Done { get; private set; }
    public IReadOnlyList<(string ActivityId, string Title)> Steps { get; private set; } = [];
    public IReadOnlyList<RegionView> Regions { get; private set; } = [];
    public IReadOnlyList<Colleague> Colleagues { get; private set; } = [];
    public int Total => Open?.Total ?? Done?.Total ?? 0;
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var caller = Caller.From(User);
        if (!Tabs.Contains(Tab)) Tab = "mine";
        var query = Query();
        var overview = await inbox.OverviewAsync(caller, query, withOpenPage: Tab != "done", cancellationToken);
        (Counts, Open, Steps) = (overview.Counts, overview.Open, overview.Steps);
        if (Tab == "done") Done = await inbox.DecidedAsync(caller, PageNumber, PageSize, cancellationToken);
        // The caller's region and the level below it: enough to narrow a list, never the whole tree in a select.
        Regions = [.. (await regions.ListAsync(caller, caller.RegionCode, cancellationToken))
            .Where(r => r.Code == caller.RegionCode || RegionCode.ParentOf(r.Code) == caller.RegionCode).Take(200)];
        if (Tab is "mine" or "handed") Colleagues = await actions.ColleaguesAsync(caller, cancellationToken);
    }

    /// <summary>Claims every ticked task in one POST; each refusal is named, the rest are claimed.</summary>
    public async Task<IActionResult> OnPostClaimAsync(List<Guid> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0) return Back(Text.NothingSelected, error: true);
        var caller = Caller.From(User);
        var refused = new List<string>();
        foreach (var id in ids.Distinct().Take(PageSize * 5))
        {
            try
            {
                await actions.ClaimAsync(caller, id, cancellationToken);
            }
            catch (Exception failure) when (ProblemMapping.Map(failure) is { Status: 404 or 403 or 409 } problem)
            {
                refused.Add(Refusal(problem));
            }
        }
        var claimed = Text.Claimed.Format(ids.Distinct().Count() - refused.Count);
        return Back(string.Join(" ", [claimed, .. refused]), error: refused.Count > 0);
    }

    public async Task<IActionResult> OnPostReleaseAsync(Guid id, CancellationToken cancellationToken)
    {
        try
        {
            await actions.ReleaseAsync(Caller.From(User), id, cancellationToken);
            return Back(Text.Released);
        }
        catch (Exception failure) when (ProblemMapping.Map(failure) is { Status: 404 or 403 or 409 } problem)
        {
            return Back(Refusal(problem), error: true);
        }
    }

    public async Task<IActionResult> OnPostDelegateAsync(Guid id, Guid userId, CancellationToken cancellationToken)
    {
        try
        {
            var task = await actions.DelegateAsync(Caller.From(User), id, new DelegationRequest(userId, null), cancellationToken);
            return Back(Text.Delegated.Format(task.ClaimedBy));
        }
        catch (Exception failure) when (ProblemMapping.Map(failure) is { Status: 400 or 404 or 403 or 409 } problem)
        {
            return Back(Refusal(problem), error: true);
        }
    }

    public string Link(string? tab = null, int? page = null) => Url.Page("/Tasks/Index", new
    {
        tab = tab ?? Tab, step = Step, region = Region, due = Due, p = page is null or 1 ? null : page,
    })!;

    public bool IsOverdue(TaskView task) => task.DueAt is { } due && due < clock.GetUtcNow();

    private TaskQuery Query() => new(Tab switch { "done" => "mine", "available" => "unclaimed", _ => Tab }, null, Empty(Step), Empty(Region), Due == "overdue" ? true : null, PageNumber, PageSize,
        Due is "3" or "7" ? clock.GetUtcNow().AddDays(int.Parse(Due, System.Globalization.CultureInfo.InvariantCulture)) : null);

    private static string? Empty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private RedirectResult Back(string message, bool error = false)
    {
        TempData[error ? "Problem" : "Notice"] = message;
        return Redirect(Link());
    }

    /// <summary>A refusal of the task service in a sentence: who holds it, or that it is gone.</summary>
    internal static string Refusal(ProblemException problem) => problem.Extensions.TryGetValue("claimedBy", out var holder) && holder is string name
        ? Text.HeldBySomeone.Format(name)
        : problem.Extensions.TryGetValue("decidedBy", out var by) && by is string who && problem.Extensions.TryGetValue("decidedAt", out var at) && at is DateTimeOffset when
            ? Text.AlreadyDecided.Format(who, PeopleDates.DateTime(when))
            : problem.Status == 404 ? Text.NotFoundBody : problem.Detail ?? problem.Title;
}
