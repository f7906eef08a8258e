using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Workflow.Server.Pages.Site;

namespace Workflow.Server.Pages.Account;

/// <summary>The language switch in every page's header: a POST that sets the language cookie and returns to the page.</summary>
[AllowAnonymous]
public sealed class LanguageModel : PageModel
{
    public IActionResult OnGet() => LocalRedirect("/");

    public IActionResult OnPost(string? culture, string? returnUrl)
    {
        PagesRegistration.SetLanguage(Response, culture == "en" ? PagesRegistration.English : PagesRegistration.Chinese);
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }
}
