using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Workflow.Federation.Classification;
using Workflow.Federation.Common;
using Workflow.Federation.Founding;
using Workflow.Federation.Kinds;
using Workflow.Federation.Ledger;
using Workflow.Federation.Registry;
using Workflow.Server.Accounts;
using Workflow.Server.Idempotency;
using Workflow.Server.Ledger;
using Workflow.Server.Pages.Site;

namespace Workflow.Server.Pages.Foundings;

/// <summary>
/// Opening a founding request in four plain forms that post back, the state carried in hidden fields: pick the
/// organizations from the ledger, read the recommendation and its reasons, choose kind and mode, review and submit.
/// The ledger, the classification and <see cref="FoundingService.OpenAsync"/> are the API's; the page only carries state.
/// </summary>
[Authorize(Policy = Policies.Officer)]
public sealed class NewModel(LedgerService ledger, ClassificationService classification, FoundingService foundings, IdempotencyStore idempotency) : PageModel
{
    private const int SearchSize = 20;

    [BindProperty] public int Step { get; set; } = 1;
    [BindProperty] public List<Guid> Ids { get; set; } = [];
    [BindProperty(SupportsGet = true)] public string? Query { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public FederationKind? Kind { get; set; }
    [BindProperty] public FoundingMode? Mode { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string? SubmitKey { get; set; }

    public IReadOnlyList<Organization> Results { get; private set; } = [];
    public int ResultTotal { get; private set; }
    public IReadOnlyList<Organization> Chosen { get; private set; } = [];
    public IReadOnlyList<Recommendation> Recommendations { get; private set; } = [];
    public Dictionary<string, string> Errors { get; private set; } = new(StringComparer.OrdinalIgnoreCase);
    public bool Follows => Kind is { } kind && Mode is { } mode && RecommendationChoice.Follows(Recommendations, kind, mode);

    public async Task OnGetAsync(CancellationToken cancellationToken) => await SearchAsync(cancellationToken);

    public async Task<IActionResult> OnPostSearchAsync(CancellationToken cancellationToken)
    {
        await SearchAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRecommendAsync(CancellationToken cancellationToken)
    {
        if (Ids.Count == 0)
        {
            Errors["ids"] = Text.PickOrganization;
            await SearchAsync(cancellationToken);
            return Invalid();
        }
        if (await RecommendAsync(cancellationToken) is { } refused) return refused;
        Step = 2;
        return Page();
    }

    public async Task<IActionResult> OnPostChooseAsync(CancellationToken cancellationToken)
    {
        if (await RecommendAsync(cancellationToken) is { } refused) return refused;
        // The recommendation is where the choice starts; what the officer chose before stays when she comes back.
        var first = Recommendations.FirstOrDefault(r => r.Mode is not null);
        Kind ??= first?.Kind;
        Mode ??= Ids.Count > 1 ? FoundingMode.Joint : first?.Mode;
        Name ??= Chosen.Count == 1 ? Chosen[0].Facts.Name + "妇联" : null;
        Step = 3;
        return Page();
    }

    public async Task<IActionResult> OnPostReviewAsync(CancellationToken cancellationToken)
    {
        if (await RecommendAsync(cancellationToken) is { } refused) return refused;
        Step = 3;
        if (string.IsNullOrWhiteSpace(Name)) Errors["name"] = Text.FieldRequired;
        if (Kind is null) Errors["kind"] = Text.FieldRequired;
        if (Mode is null) Errors["mode"] = Text.FieldRequired;
        if (Kind is not null && Mode is not null && !Follows && string.IsNullOrWhiteSpace(Reason)) Errors["modeReason"] = Text.ReasonWhenDiffering;
        if (Errors.Count > 0) return Invalid();
        Step = 4;
        SubmitKey = Guid.NewGuid().ToString("N");
        return Page();
    }

    public async Task<IActionResult> OnPostSubmitAsync(CancellationToken cancellationToken)
    {
        var caller = Caller.From(User);
        var request = new OpenFounding(Ids, Name?.Trim() ?? "", Kind ?? default, Mode ?? default, string.IsNullOrWhiteSpace(Reason) ? null : Reason.Trim());
        try
        {
            // The key made at review: a second press of the button, or a reload of the POST, opens nothing twice.
            var opened = await idempotency.RunOnceAsync(caller.Id, SubmitKey, request, () => foundings.OpenAsync(Scope.Actor(caller), request, cancellationToken), cancellationToken);
            TempData["Notice"] = Text.FoundingOpened.Format(opened.Value.Name);
            return LocalRedirect($"/foundings/{opened.Value.Id}");
        }
        catch (FederationException failure) when (failure.Error is FederationError.Invalid or FederationError.Conflict or FederationError.Refused)
        {
            Errors = Refusals.Fields(failure);
            if (await RecommendAsync(cancellationToken) is { } refused) return refused;
            Step = failure.Error == FederationError.Invalid ? 3 : 4;
            Response.StatusCode = failure.Error == FederationError.Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
            return Page();
        }
        catch (FederationException failure) when (failure.Error is FederationError.NotFound)
        {
            return NotFound();
        }
    }

    public string? ErrorFor(string field) => Errors.TryGetValue(field, out var error) ? error : null;

    private async Task SearchAsync(CancellationToken cancellationToken)
    {
        Step = 1;
        var caller = Caller.From(User);
        await LoadChosenAsync(caller, cancellationToken);
        var text = string.IsNullOrWhiteSpace(Query) ? null : Query.Trim();
        var page = await ledger.QueryOrganizationsAsync(new LedgerQuery(Scope.Of(caller, null), Text: text, Paging: new Paging(1, SearchSize)), cancellationToken);
        Results = [.. page.Items.Where(o => !Ids.Contains(o.Id))];
        ResultTotal = page.Total;
    }

    /// <summary>The chosen organizations and the classification of each; one outside the caller's region is a 404, as in the API.</summary>
    private async Task<IActionResult?> RecommendAsync(CancellationToken cancellationToken)
    {
        if (Ids.Count == 0) return BadRequest();
        var caller = Caller.From(User);
        try
        {
            await LoadChosenAsync(caller, cancellationToken);
        }
        catch (FederationException failure) when (failure.Error == FederationError.NotFound)
        {
            return NotFound();
        }
        if (Chosen.Count != Ids.Distinct().Count()) return NotFound();
        Recommendations = await classification.ClassifyAllAsync(Chosen.Select(o => o.Id), cancellationToken);
        return null;
    }

    private async Task LoadChosenAsync(Caller caller, CancellationToken cancellationToken)
    {
        var chosen = new List<Organization>();
        foreach (var id in Ids.Distinct().Take(SearchSize))
        {
            var organization = await ledger.GetOrganizationAsync(id, cancellationToken);
            if (caller.Covers(organization.Facts.RegionCode)) chosen.Add(organization);
        }
        Ids = [.. Ids.Distinct().Take(SearchSize)];
        Chosen = chosen;
    }

    private PageResult Invalid()
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
