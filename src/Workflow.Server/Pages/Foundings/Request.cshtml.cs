using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Workflow.Engine.Execution;
using Workflow.Federation.Common;
using Workflow.Federation.Founding;
using Workflow.Persistence.Definitions;
using Workflow.Persistence.Instances;
using Workflow.Server.Accounts;
using Workflow.Server.Ledger;
using Workflow.Server.Pages.Site;
using Workflow.Server.Problems;
using Workflow.Server.Tasks;

namespace Workflow.Server.Pages.Foundings;

/// <summary>A step the request waits at, with the role (and approver kind) that decides it.</summary>
public sealed record WaitingStep(Guid TaskId, string ActivityId, string Title, string Assignee, DateTimeOffset Since, DateTimeOffset? DueAt);

/// <summary>
/// One founding request: where it waits and for whom, every decision so far, its documents and the diagram. A returned
/// request is corrected and resubmitted here: <see cref="FoundingService.ReviseAsync"/>, then the revision task's
/// decision through <see cref="TaskActions.DecideAsync"/>, the same path as the API's.
/// </summary>
public sealed class RequestModel(FoundingService foundings, InstanceQueries instances, DefinitionStore definitions, TaskActions actions) : PageModel
{
    public FoundingView Founding { get; private set; } = null!;
    public IReadOnlyList<DecisionView> Timeline { get; private set; } = [];
    public IReadOnlyList<WaitingStep> Waiting { get; private set; } = [];
    public DiagramSlot? Diagram { get; private set; }
    public WaitingStep? Revision { get; private set; }
    public bool MayRevise { get; private set; }
    public DecisionView? ReturnedBy { get; private set; }
    public Dictionary<string, string> Errors { get; private set; } = new(StringComparer.OrdinalIgnoreCase);
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string? Comment { get; set; }

    public IEnumerable<DecisionView> Approvals => Timeline.Where(d => d.Outcome is "approve" or "endorse");

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused) return refused;
        Name = Founding.Name;
        Reason = Founding.ModeReason;
        return Page();
    }

    public async Task<IActionResult> OnPostResubmitAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused) return refused;
        if (Revision is null) return StatusCode(StatusCodes.Status409Conflict);
        if (!MayRevise) return Forbid();
        var caller = Caller.From(User);
        try
        {
            await foundings.ReviseAsync(Scope.Actor(caller), id, Name ?? "", Reason, cancellationToken);
            await actions.DecideAsync(caller, Revision.TaskId, new DecisionRequest("resubmit", string.IsNullOrWhiteSpace(Comment) ? null : Comment.Trim(), null), cancellationToken);
        }
        catch (FederationException failure) when (failure.Error is FederationError.Invalid or FederationError.Conflict)
        {
            Errors = Refusals.Fields(failure);
            Response.StatusCode = failure.Error == FederationError.Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
            return Page();
        }
        catch (Exception failure) when (ProblemMapping.Map(failure) is { Status: 403 or 404 or 409 } problem)
        {
            TempData["Problem"] = Tasks.IndexModel.Refusal(problem);
            return LocalRedirect($"/foundings/{id}");
        }
        TempData["Notice"] = Text.Resubmitted.Format(Name?.Trim());
        return LocalRedirect($"/foundings/{id}");
    }

    public string? ErrorFor(string field) => Errors.TryGetValue(field, out var error) ? error : null;

    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var caller = Caller.From(User);
        try
        {
            Founding = await foundings.GetAsync(Scope.Actor(caller), id, cancellationToken);
        }
        catch (FederationException failure) when (failure.Error == FederationError.NotFound)
        {
            return NotFound();
        }
        if (Founding.InstanceId is not { } instanceId) return null;
        var family = await instances.FamilyAsync(instanceId, cancellationToken);
        var instance = family.First(i => i.Id == instanceId);
        Diagram = new DiagramSlot(instance.DefinitionId, instance.DefinitionVersion, instance.Id);
        Timeline = await TaskHistory.OfRequestAsync(instances, definitions, instanceId, cancellationToken);
        // The election's steps wait in its child workflow; the request waits at them all the same.
        Waiting = [.. family.SelectMany(i => i.Bookmarks).Where(b => b.Kind == BookmarkKind.UserTask).Select(b => new WaitingStep(b.Id, b.ActivityId, b.Title ?? b.ActivityId,
            b.Role is null ? Text.None : Person.RoleName(b.Role, b.ApproverKind), b.CreatedAt, b.DueAt))];
        Revision = Waiting.FirstOrDefault(w => w.ActivityId == FoundingService.ReviseStep);
        if (Revision is not null)
        {
            ReturnedBy = TaskHistory.ReturnedBy(Timeline, Revision.Since);
            MayRevise = caller.Has(Roles.Officer) || caller.IsAdmin;
        }
        return null;
    }
}
