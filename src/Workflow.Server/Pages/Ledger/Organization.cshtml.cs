using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Workflow.Federation.Common;
using Workflow.Federation.Classification;
using Workflow.Federation.Ledger;
using Workflow.Server.Accounts;

namespace Workflow.Server.Pages.Ledger;

/// <summary>One organization: its latest figures, every survey with what changed, its classification and its founding request or body.</summary>
[Authorize(Policy = Policies.Officer)]
public sealed class OrganizationModel(LedgerService ledger, LedgerBrowse browse, ClassificationService classification) : PageModel
{
    public Organization Organization { get; private set; } = null!;
    public IReadOnlyList<SurveyRecord> History { get; private set; } = [];
    public Recommendation Recommendation { get; private set; } = null!;
    public OrganizationLinks Links { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        try
        {
            Organization = await ledger.GetOrganizationAsync(id, cancellationToken);
        }
        catch (FederationException failure) when (failure.Error == FederationError.NotFound)
        {
            return NotFound();
        }
        // Another region's organization answers as one that does not exist, as the API does.
        if (!Caller.From(User).Covers(Organization.Facts.RegionCode)) return NotFound();
        History = [.. (await ledger.GetHistoryAsync(id, cancellationToken)).Reverse()];
        Recommendation = await classification.ClassifyAsync(id, cancellationToken);
        Links = await browse.LinksAsync(id, cancellationToken);
        return Page();
    }
}
