using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Workflow.Persistence.Instances;
using Workflow.Persistence.Runtime;
using Workflow.Server.Accounts;
using Workflow.Server.Engine;
using Workflow.Server.Pages.Site;

namespace Workflow.Server.Pages.Admin;

/// <summary>
/// One instance for an admin: where it stands, its diagram, its journal and the check of its hash chain, and the two changes an
/// admin makes — retry an incident, cancel the instance — each shown first as a confirmation (<c>?confirm=…</c>), then posted.
/// </summary>
[Authorize(Policy = Policies.Admin)]
public sealed class InstanceModel(InstanceService instances, InstanceQueries queries, WorkflowRuntime runtime) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Confirm { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? Incident { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public InstanceView Instance { get; private set; } = null!;
    public IReadOnlyList<JournalEntry> Journal { get; private set; } = [];
    public JournalVerification? Verification { get; private set; }
    public IncidentView? Confirming { get; private set; }
    public Dictionary<string, string> Errors { get; } = new(StringComparer.OrdinalIgnoreCase);

    public bool IsOpen => Instance.Status is not (Workflow.Engine.Execution.InstanceStatus.Finished or Workflow.Engine.Execution.InstanceStatus.Cancelled);

    public Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) => ShowAsync(id, cancellationToken);

    public async Task<IActionResult> OnGetVerifyAsync(Guid id, CancellationToken cancellationToken)
    {
        var shown = await ShowAsync(id, cancellationToken);
        if (shown is PageResult) Verification = await queries.VerifyJournalAsync(id, cancellationToken);
        return shown;
    }

    public async Task<IActionResult> OnPostRetryAsync(Guid id, Guid incident, CancellationToken cancellationToken)
    {
        TransitionResult? result = null;
        if (!await AdminForms.TryAsync(this, Errors, async () => result = await runtime.RetryAsync(incident, Caller.From(User).UserName, cancellationToken)))
            return await ShowAsync(id, cancellationToken);
        TempData["Notice"] = Text.Retried.Format(Text.Status(result!.Status));
        return Redirect($"/admin/instances/{id}");
    }

    public async Task<IActionResult> OnPostCancelAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await AdminForms.TryAsync(this, Errors, () => runtime.CancelAsync(id, Caller.From(User).UserName, string.IsNullOrWhiteSpace(Reason) ? null : Reason.Trim(), cancellationToken)))
            return await ShowAsync(id, cancellationToken);
        TempData["Notice"] = Text.Cancelled.ToString();
        return Redirect($"/admin/instances/{id}");
    }

    private async Task<IActionResult> ShowAsync(Guid id, CancellationToken cancellationToken)
    {
        var status = Response.StatusCode;
        var errors = new Dictionary<string, string>();
        if (!await AdminForms.TryAsync(this, errors, async () => Instance = await instances.GetAsync(Caller.From(User), id, cancellationToken))) return NotFound();
        Response.StatusCode = status;
        Journal = await queries.JournalAsync(id, cancellationToken);
        if (Confirm == "retry") Confirming = Instance.Incidents.FirstOrDefault(i => i.Id == Incident && i.ResolvedAt is null);
        return Page();
    }

    public DiagramSlot Diagram => new(Instance.DefinitionId, Instance.DefinitionVersion, Instance.Id);
}
