using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Workflow.Server.Pages.Site;

namespace Workflow.Server.Pages.Errors;

/// <summary>What a person sees when a page refuses: re-executed by the status-page middleware with the original status kept.</summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed class StatusModel : PageModel
{
    public string Title { get; private set; } = "";
    public string Body { get; private set; } = "";

    public void OnGet(int code) => Describe(code);

    // A refused POST is re-executed as a POST.
    public void OnPost(int code) => Describe(code);

    private void Describe(int code)
    {
        (Title, Body) = code switch
        {
            404 => (Text.NotFoundTitle, Text.NotFoundBody),
            403 => (Text.ForbiddenTitle, Text.ForbiddenBody),
            400 => (Text.BadRequestTitle, Text.BadRequestBody),
            _ => ((string)Text.ErrorTitle, Text.ErrorBody.Format(HttpContext.TraceIdentifier)),
        };
        // Opened directly, the page answers with the status it describes; re-executed, the original status stands.
        if (HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is null && code is >= 400 and < 600)
            Response.StatusCode = code;
    }
}
