using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Workflow.Federation.Common;
using Workflow.Federation.Registry;
using Workflow.Federation.Rotations;
using Workflow.Server.Accounts;
using Workflow.Server.Pages.Site;
using Workflow.Server.Problems;

namespace Workflow.Server.Pages.Bodies;

/// <summary>The rotation as the officer types it: its first day, the months of a turn and, once it has begun, why it changes.</summary>
public sealed class RotationForm
{
    public DateOnly? Start { get; set; }
    public int? MonthsPerTurn { get; set; }
    public string? Reason { get; set; }

    public RotationRequest ToRequest() => new(Start ?? default, null, MonthsPerTurn, null, string.IsNullOrWhiteSpace(Reason) ? null : Reason.Trim());
}

/// <summary>
/// The officer's side of a body: each elected leader linked to the account she signs in with, and the rotating presidium
/// planned (or re-planned) with its periods shown before she confirms. The rules are <see cref="BodyLeaders"/>' and
/// <see cref="RotationSchedule"/>'s, the services the API calls; another region's body is not found, as there.
/// </summary>
[Authorize(Policy = Policies.Officer)]
public sealed class PlanModel(RegistryService registry, BodyLeaders leaders, RotationSchedule rotation, UserDirectory users, TimeProvider clock) : PageModel
{
    [BindProperty] public RotationForm Rotation { get; set; } = new();

    public FederationBody Body { get; private set; } = null!;
    public RotationView? Planned { get; private set; }
    public IReadOnlyList<RotationPeriodView>? Preview { get; private set; }
    /// <summary>Active accounts in the officer's reach, the ones a leader may be linked to.</summary>
    public IReadOnlyList<UserView> Accounts { get; private set; } = [];
    public Dictionary<string, string> Errors { get; private set; } = new(StringComparer.OrdinalIgnoreCase);

    public bool HasBegun => Planned is { } planned && planned.Start <= ChinaInstant.Of(clock.GetUtcNow()).LocalDate;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused) return refused;
        Rotation = new RotationForm { Start = Planned?.Start ?? ChinaInstant.Of(clock.GetUtcNow()).LocalDate, MonthsPerTurn = Planned?.MonthsPerTurn };
        return Page();
    }

    public async Task<IActionResult> OnPostLinkAsync(Guid id, Guid leaderId, Guid? userId, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ?? await RefusedAsync(async () =>
        {
            var linked = await leaders.LinkAsync(Caller.From(User).Acting, id, leaderId, new LeaderAccountRequest(userId), cancellationToken);
            var leader = linked.Leaders.Single(l => l.Id == leaderId);
            TempData["Notice"] = userId is null ? Text.LeaderUnlinked.Format(leader.Name) : Text.LeaderLinked.Format(leader.Name, AccountName(userId.Value));
            return LocalRedirect($"/bodies/{id}/plan");
        }, leaderId.ToString());

    /// <summary>The periods the plan would create, stored nowhere yet.</summary>
    public async Task<IActionResult> OnPostPreviewAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ?? await RefusedAsync(async () =>
        {
            Preview = await rotation.PreviewAsync(Caller.From(User).Acting, id, Rotation.ToRequest(), cancellationToken);
            return Page();
        });

    public async Task<IActionResult> OnPostConfirmAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ?? await RefusedAsync(async () =>
        {
            var planned = await rotation.PlanAsync(Caller.From(User).Acting, id, Rotation.ToRequest(), cancellationToken);
            TempData["Notice"] = Text.RotationPlanned.Format(planned.Periods.Count);
            return LocalRedirect($"/bodies/{id}");
        });

    public string AccountName(Guid userId) => Accounts.FirstOrDefault(a => a.Id == userId) is { } account ? account.DisplayName + Text.InBrackets(account.UserName) : userId.ToString();

    /// <summary>Chairs and vice-chairs chair a rotation period, so only chairs' accounts are offered for them.</summary>
    public IEnumerable<UserView> AccountsFor(BodyLeader leader) =>
        leader.Role is LeaderRole.Chair or LeaderRole.ViceChair or LeaderRole.Head ? Accounts.Where(a => a.Roles.Contains(Roles.Chair)) : Accounts;

    public string? ErrorFor(string field) => Errors.TryGetValue(field, out var error) ? error : null;

    /// <summary>A refusal of the service shown beside the form it concerns, with the status the API would answer.</summary>
    private async Task<IActionResult> RefusedAsync(Func<Task<IActionResult>> act, string form = "")
    {
        try
        {
            return await act();
        }
        catch (FederationException failure)
        {
            foreach (var (field, reason) in Refusals.Fields(failure)) Errors[form.Length > 0 ? form : field] = reason;
            Response.StatusCode = ProblemMapping.Map(failure)?.Status ?? StatusCodes.Status400BadRequest;
            return Page();
        }
    }

    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var caller = Caller.From(User);
        try
        {
            Body = await registry.GetAsync(id, cancellationToken);
        }
        catch (FederationException failure) when (failure.Error == FederationError.NotFound)
        {
            return NotFound();
        }
        // Another region's body answers as one that does not exist, as the API does.
        if (!caller.Covers(Body.RegionCode)) return NotFound();
        Planned = await BodyModel.Optional(() => rotation.GetAsync(caller.Acting, id, cancellationToken));
        Accounts = [.. (await users.ListAsync(caller, null, null, cancellationToken)).Where(u => u.Active)];
        return null;
    }
}
