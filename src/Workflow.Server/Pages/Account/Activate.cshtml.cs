using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Workflow.Federation.Common;
using Workflow.Federation.Invitations;
using Workflow.Server.Accounts;
using Workflow.Server.Pages.Site;
using Workflow.Server.Problems;

namespace Workflow.Server.Pages.Account;

/// <summary>
/// An elected leader sets her password with the activation code her officer passed on (<see cref="LeaderInvitations"/>),
/// without an account yet. Wrong codes count towards a lock per client address, as failed sign-ins do per name.
/// </summary>
[AllowAnonymous]
public sealed class ActivateModel(LeaderInvitations invitations, SignInLockout lockout) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Code { get; set; } = "";
    [BindProperty] public string NewPassword { get; set; } = "";
    [BindProperty] public string ConfirmPassword { get; set; } = "";

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (NewPassword != ConfirmPassword)
        {
            ModelState.AddModelError(nameof(ConfirmPassword), Text.PasswordsDiffer);
            return Page();
        }
        var key = $"activate:{HttpContext.Connection.RemoteIpAddress}";
        try
        {
            await lockout.ThrowIfLockedAsync(key, cancellationToken);
            var accepted = await invitations.AcceptAsync(Code, NewPassword, cancellationToken);
            TempData["Notice"] = Text.Activated.Format(accepted.UserName);
            return LocalRedirect("/");
        }
        catch (FederationValidationException spent) when (spent.Problems.Any(p => p.Field == "code"))
        {
            await lockout.CountFailureAsync(key, cancellationToken);
            ModelState.AddModelError(nameof(Code), Refusals.Fields(spent)["code"]);
        }
        catch (Exception failure) when (ProblemMapping.Map(failure) is { } refused)
        {
            // Locked (423), a weak password (400, the policy's words, as on the password page), or a phone number
            // or address that already has an account (409).
            var field = refused.Status == 400 ? nameof(NewPassword) : nameof(Code);
            ModelState.AddModelError(field, refused.Status switch
            {
                423 when refused.Extensions.TryGetValue("lockedUntil", out var until) && until is DateTimeOffset end => Text.Locked.Format(PeopleDates.DateTime(end)),
                400 => string.Join(" ", Refusals.Fields(failure).Values),
                409 => Text.ActivationNameTaken.ToString(),
                _ => refused.Detail ?? refused.Title,
            });
        }
        NewPassword = ConfirmPassword = "";
        return Page();
    }
}
