using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Workflow.Server.Accounts;
using Workflow.Server.Pages.Site;

namespace Workflow.Server.Pages.Account;

/// <summary>Sign-out is a POST: a link or an image on another site cannot end someone's session.</summary>
public sealed class SignOutModel(AccountService accounts) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(PageSession.Scheme);
        TempData["Notice"] = Text.SignedOut.ToString();
        return LocalRedirect(PageSession.SignInPath);
    }

    /// <summary>On a lost phone or a shared computer: the security stamp changes, so every page session and token of the person ends.</summary>
    public async Task<IActionResult> OnPostEverywhereAsync(CancellationToken cancellationToken)
    {
        await accounts.SignOutEverywhereAsync(Caller.From(User).Id, cancellationToken);
        return await OnPostAsync();
    }
}
