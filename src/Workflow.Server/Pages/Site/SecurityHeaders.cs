using Workflow.Server.Accounts;

namespace Workflow.Server.Pages.Site;

/// <summary>Headers every page answers with: no inline script or style, no framing, no sniffing (decision 0003).</summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; object-src 'none'; "
        + "base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UsePageSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        // The API answers JSON; the API listing and the job dashboard bring their own scripts and keep their own rules.
        var path = context.Request.Path;
        if (!PageSession.IsTokenPath(path) && !path.StartsWithSegments("/api-docs"))
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
        }
        await next(context);
    });
}
