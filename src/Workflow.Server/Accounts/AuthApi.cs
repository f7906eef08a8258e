using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Workflow.Federation.Common;
using Workflow.Server.Problems;

namespace Workflow.Server.Accounts;

public sealed record SignInRequest([Present] string UserName, [Present] string Password);

public sealed record RefreshRequest([Present] string RefreshToken);

public sealed record ChangePasswordRequest([Present] string CurrentPassword, [Present] string NewPassword);

public sealed record CurrentUser(Guid Id, string UserName, IReadOnlyList<string> Roles, string? ApproverKind, string RegionCode, bool MustChangePassword);

public static class AuthApi
{
    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/auth").WithTags("Auth").WithCommonProblems();
        group.MapPost("/token", SignIn).AllowAnonymous().WithSummary("Sign in with user name and password; returns an access token and a refresh token").WithProblems(423);
        group.MapPost("/refresh", Refresh).AllowAnonymous().WithSummary("Exchange a refresh token for a new pair (the old one is revoked)");
        group.MapPost("/signout", SignOut).AllowAnonymous().WithSummary("Revoke a refresh token");
        group.MapPost("/signout-everywhere", SignOutEverywhere).RequireAuthorization()
            .WithSummary("End every session of the caller at once, this one included: access tokens and refresh tokens");
        group.MapPost("/password", ChangePassword).RequireAuthorization().WithSummary("Change one's own password (required after a one-time password)");
        group.MapGet("/me", GetMe).RequireAuthorization().WithSummary("Who the token belongs to");
        return app;
    }

    /// <summary>With <c>?cookie=true</c> the access token is also set as an HttpOnly cookie, for pages a browser opens (the job dashboard).</summary>
    private static async Task<Ok<TokenPair>> SignIn(SignInRequest request, AccountService accounts, HttpResponse response, CancellationToken cancellationToken, bool cookie = false)
    {
        var tokens = await accounts.SignInAsync(request.UserName ?? "", request.Password ?? "", cancellationToken);
        if (cookie) SessionCookie.Set(response, tokens);
        return TypedResults.Ok(tokens);
    }

    private static async Task<Ok<TokenPair>> Refresh(RefreshRequest request, AccountService accounts, CancellationToken cancellationToken) =>
        TypedResults.Ok(await accounts.RefreshAsync(request.RefreshToken ?? "", cancellationToken));

    private static async Task<NoContent> SignOut(RefreshRequest request, AccountService accounts, HttpResponse response, CancellationToken cancellationToken)
    {
        await accounts.SignOutAsync(request.RefreshToken ?? "", cancellationToken);
        response.Cookies.Delete(SessionCookie.Name);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> SignOutEverywhere(ClaimsPrincipal user, AccountService accounts, HttpResponse response, CancellationToken cancellationToken)
    {
        await accounts.SignOutEverywhereAsync(Caller.From(user).Id, cancellationToken);
        response.Cookies.Delete(SessionCookie.Name);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<TokenPair>> ChangePassword(ChangePasswordRequest request, ClaimsPrincipal user, AccountService accounts, CancellationToken cancellationToken) =>
        TypedResults.Ok(await accounts.ChangePasswordAsync(Caller.From(user).Id, request.CurrentPassword ?? "", request.NewPassword ?? "", cancellationToken));

    private static Ok<CurrentUser> GetMe(ClaimsPrincipal user)
    {
        var caller = Caller.From(user);
        return TypedResults.Ok(new CurrentUser(caller.Id, caller.UserName, caller.Roles, caller.ApproverKind, caller.RegionCode, user.HasClaim(Caller.MustChangePasswordClaim, "true")));
    }
}
