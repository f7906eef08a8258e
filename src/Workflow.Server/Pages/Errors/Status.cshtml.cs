using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Workflow.Federation.Common;
using Workflow.Server.Pages.Site;
using Workflow.Server.Problems;

namespace Workflow.Server.Pages.Errors;

/// <summary>
/// What a person sees when a page refuses or fails: re-executed with the original status kept, by the status-page middleware
/// (a 404 or 403 the page answered) or by the exception handler (a refusal or failure it threw, at the status
/// <see cref="ProblemMapping"/> gives it). Always a page in her language with a way back, never a JSON body.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed class StatusModel : PageModel
{
    public string Title { get; private set; } = "";
    public string Body { get; private set; } = "";
    /// <summary>The page she came from, when it is one of the service's own.</summary>
    public string? Back { get; private set; }

    public void OnGet([FromRoute] int? code) => Describe(code ?? Response.StatusCode);

    // A refused POST is re-executed as a POST. Only the route binds: the form may be what failed.
    public void OnPost([FromRoute] int? code) => Describe(code ?? Response.StatusCode);

    private void Describe(int code)
    {
        var failure = HttpContext.Features.Get<IExceptionHandlerFeature>()?.Error;
        (Title, Body) = code switch
        {
            404 => (Text.NotFoundTitle, Text.NotFoundBody),
            403 => (Text.ForbiddenTitle, Text.ForbiddenBody),
            400 when failure is null => (Text.BadRequestTitle, Text.BadRequestBody),
            >= 400 and < 500 => ((string)Text.RefusedTitle, Reason(failure) ?? Text.BadRequestBody),
            _ => ((string)Text.ErrorTitle, Text.ErrorBody.Format(HttpContext.TraceIdentifier)),
        };
        Back = LocalReferrer();
        // Opened directly, the page answers with the status it describes; re-executed, the original status stands.
        if (HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is null && failure is null && code is >= 400 and < 600)
            Response.StatusCode = code;
    }

    /// <summary>The domain's reason in the person's language; the host's own refusals carry their detail.</summary>
    private static string? Reason(Exception? failure) => failure switch
    {
        FederationException federation => Refusals.Say(federation.Reason),
        null => null,
        _ => ProblemMapping.Map(failure)?.Detail,
    };

    private string? LocalReferrer() =>
        Uri.TryCreate(Request.Headers.Referer.ToString(), UriKind.Absolute, out var from)
        && string.Equals(from.Authority, Request.Host.Value, StringComparison.OrdinalIgnoreCase)
        && from.AbsolutePath != Request.Path
            ? from.PathAndQuery
            : null;
}
