namespace Workflow.Server.Accounts;

/// <summary>The access token as an HttpOnly cookie, for pages a browser opens directly (the job dashboard).</summary>
public static class SessionCookie
{
    public const string Name = "wf_access";

    public static void Set(HttpResponse response, TokenPair tokens) =>
        response.Cookies.Append(Name, tokens.AccessToken, new CookieOptions
        {
            HttpOnly = true, Secure = response.HttpContext.Request.IsHttps, SameSite = SameSiteMode.Strict, Path = "/", Expires = tokens.ExpiresAt,
        });
}
