using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;

namespace Workflow.Server.Accounts;

/// <summary>
/// The cookie session of the server-rendered pages, for the same accounts as the API (decision 0003). A policy scheme sends
/// API calls to JWT bearer and everything else to this cookie, so neither side sees the other's challenge.
/// </summary>
public static class PageSession
{
    public const string Scheme = "pages";
    public const string SelectorScheme = "workflow";
    public const string CookieName = "wf_session";
    public const string SignInPath = "/";
    public const string PasswordPath = "/account/password";
    private const string SignedInAtItem = "signedInAt";

    /// <summary>Paths whose callers are programs holding a token (or the dashboard's token cookie), never a page session.</summary>
    private static readonly string[] s_tokenPaths = ["/api", "/openapi", "/jobs", "/health"];

    /// <summary>The API, the dashboard and the calendar feeds (<c>/calendar/{token}.ics</c>); the calendar page <c>/calendar</c> is a page.</summary>
    public static bool IsTokenPath(PathString path) => s_tokenPaths.Any(p => path.StartsWithSegments(p))
        || path.StartsWithSegments("/calendar", out var rest) && rest.Value is { Length: > 1 } feed && feed.EndsWith(".ics", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// A token, unless it is the job dashboard opened from 管理 by an admin signed in through the pages: her page session
    /// is all she holds (the token cookie is only set by an API sign-in).
    /// </summary>
    private static bool UsesToken(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
        || IsTokenPath(request.Path) && !(request.Path.StartsWithSegments("/jobs") && request.Cookies.ContainsKey(CookieName) && !request.Cookies.ContainsKey(SessionCookie.Name));

    public static AuthenticationBuilder AddPageSession(this AuthenticationBuilder builder, AuthOptions options)
    {
        builder.AddPolicyScheme(SelectorScheme, "API token or page session", o => o.ForwardDefaultSelector = context =>
            UsesToken(context.Request) ? JwtBearerDefaults.AuthenticationScheme : Scheme);
        builder.AddCookie(Scheme, cookie =>
        {
            cookie.Cookie.Name = CookieName;
            cookie.Cookie.HttpOnly = true;
            // Lax: a link in a reminder e-mail opens the task for a signed-in person; every change is a POST with antiforgery.
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.LoginPath = SignInPath;
            cookie.LogoutPath = "/account/signout";
            cookie.ExpireTimeSpan = TimeSpan.FromMinutes(options.PageSessionIdleMinutes);
            cookie.SlidingExpiration = true;
            cookie.Events = new CookieAuthenticationEvents
            {
                OnValidatePrincipal = ValidateAsync,
                // A refusal is a 403 page of the status-page middleware, not a redirect to a page that does not exist.
                OnRedirectToAccessDenied = context =>
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return Task.CompletedTask;
                },
            };
        });
        // The session's idle and absolute limits are judged on the service's clock, the one tests move.
        builder.Services.AddOptions<CookieAuthenticationOptions>(Scheme).Configure<TimeProvider>((cookie, clock) => cookie.TimeProvider = clock);
        return builder;
    }

    public static AuthenticationProperties NewProperties(TimeProvider clock) =>
        new(new Dictionary<string, string?> { [SignedInAtItem] = clock.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            IsPersistent = false,
        };

    /// <summary>A session ends with its person's security stamp (sign-out everywhere, a new password, deactivation) and a working day after sign-in.</summary>
    private static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var clock = services.GetRequiredService<TimeProvider>();
        var options = services.GetRequiredService<IOptions<AuthOptions>>().Value;
        var signedInAt = context.Properties.Items.TryGetValue(SignedInAtItem, out var value) && long.TryParse(value, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : DateTimeOffset.MinValue;
        var tooOld = clock.GetUtcNow() - signedInAt > TimeSpan.FromHours(options.PageSessionMaxHours);
        if (tooOld || !await services.GetRequiredService<SessionGuard>().IsCurrentAsync(context.Principal!, context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(Scheme);
        }
    }
}
