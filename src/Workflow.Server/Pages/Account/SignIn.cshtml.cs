using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Workflow.Server.Accounts;
using Workflow.Server.Pages.Site;
using Workflow.Server.Problems;
using Workflow.Server.Regions;

namespace Workflow.Server.Pages.Account;

[AllowAnonymous]
public sealed class SignInModel(AccountService accounts, RegionService regions, TimeProvider clock) : PageModel
{
    [BindProperty] public string UserName { get; set; } = "";
    [BindProperty] public string Password { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public string? Message { get; private set; }

    public IActionResult OnGet() => User.Identity?.IsAuthenticated == true ? LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/tasks") : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        UserRow user;
        try
        {
            user = await accounts.SignInForPageAsync(UserName.Trim(), Password, cancellationToken);
        }
        catch (Exception failure) when (ProblemMapping.Map(failure) is { Status: 401 or 423 } refused)
        {
            Message = refused.Extensions.TryGetValue("lockedUntil", out var until) && until is DateTimeOffset end
                ? Text.Locked.Format(PeopleDates.DateTime(end))
                : Text.WrongPassword;
            Password = "";
            return Page();
        }
        await SignInAsync(HttpContext, user, regions, clock, cancellationToken);
        if (user.MustChangePassword) return LocalRedirect(PageSession.PasswordPath);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) && ReturnUrl != "/" ? ReturnUrl : "/tasks");
    }

    /// <summary>Starts (or renews, after a password change) the page session of <paramref name="user"/>.</summary>
    internal static async Task SignInAsync(HttpContext context, UserRow user, RegionService regions, TimeProvider clock, CancellationToken cancellationToken)
    {
        var principal = AccountClaims.Principal(user, PageSession.Scheme);
        if (await regions.NameOfAsync(user.RegionCode, cancellationToken) is { } regionName)
            ((System.Security.Claims.ClaimsIdentity)principal.Identity!).AddClaim(new(Person.RegionNameClaim, regionName));
        await context.SignInAsync(PageSession.Scheme, principal, PageSession.NewProperties(clock));
        if (user.Language is "en" or "zh-CN" && context.Request.Cookies[PagesRegistration.LanguageCookie] is null)
            PagesRegistration.SetLanguage(context.Response, CultureInfo.GetCultureInfo(user.Language));
    }
}
