using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Workflow.Server.Accounts;
using Workflow.Server.Pages.Site;
using Workflow.Server.Problems;
using Workflow.Server.Regions;

namespace Workflow.Server.Pages.Account;

/// <summary>One's own password; the only page open to someone signed in with a one-time password (the password gate).</summary>
public sealed class PasswordModel(AccountService accounts, RegionService regions, TimeProvider clock) : PageModel
{
    [BindProperty] public string CurrentPassword { get; set; } = "";
    [BindProperty] public string NewPassword { get; set; } = "";
    [BindProperty] public string ConfirmPassword { get; set; } = "";

    public bool MustChange => User.HasClaim(Caller.MustChangePasswordClaim, "true");

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
        UserRow user;
        try
        {
            user = await accounts.ChangePasswordForPageAsync(Caller.From(User).Id, CurrentPassword, NewPassword, cancellationToken);
        }
        catch (Exception failure) when (ProblemMapping.Map(failure) is { Status: 401 } refused)
        {
            ModelState.AddModelError(nameof(CurrentPassword), Text.WrongCurrentPassword);
            return Page();
        }
        catch (Exception failure) when (ProblemMapping.Map(failure) is { Status: 400 })
        {
            // The same policy as the API, in its words (Chinese, then English), next to the field and its help.
            ModelState.AddModelError(nameof(NewPassword), string.Join(" ", Refusals.Fields(failure).Values));
            return Page();
        }
        // Every other session ended with the old stamp; this one goes on with the new.
        await SignInModel.SignInAsync(HttpContext, user, regions, clock, cancellationToken);
        TempData["Notice"] = Text.PasswordChanged.ToString();
        return LocalRedirect("/tasks");
    }
}
