using Workflow.Server.Accounts;

namespace Workflow.Server.Pages.Site;

/// <summary>Headers every page answers with: no inline script or style, no framing, no sniffing (decision 0003).</summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; object-src 'none'; "
        + "base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// The API page only (Scalar): its HTML starts the reference with an inline script and the reference sets inline styles,
    /// so both are allowed there — and nothing else: every script, style, font and request still comes from this service.
    /// </summary>
    public const string ApiPagePolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; "
        + "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UsePageSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        // The API answers JSON; the job dashboard brings its own scripts and keeps its own rules.
        var path = context.Request.Path;
        if (!PageSession.IsTokenPath(path))
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = path.StartsWithSegments(ApiDocs.ApiDocsRegistration.PagePath) ? ApiPagePolicy : ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
        }
        await next(context);
    });
}
