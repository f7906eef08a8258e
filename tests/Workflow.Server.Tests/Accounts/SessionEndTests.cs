using System.Net;
using System.Net.Http.Json;
using Workflow.Server.Accounts;
using Workflow.Server.Tests.Support;

namespace Workflow.Server.Tests.Accounts;

/// <summary>Access ends at once when it should, not when the access token expires.</summary>
public sealed class SessionEndTests(ServiceFactory factory) : IClassFixture<ServiceFactory>
{
    private async Task<(Guid Id, string Name, TokenPair Tokens)> SignedInOfficerAsync()
    {
        var name = Sessions.UniqueName("officer");
        var id = await factory.CreateUserAsync(name, Roles.Officer, TestRegions.Town);
        var tokens = await factory.SignInForTokensAsync(name);
        Assert.Equal(HttpStatusCode.OK, (await factory.MeAsync(tokens.AccessToken)).StatusCode);
        return (id, name, tokens);
    }

    private async Task AssertEndedAsync(TokenPair tokens)
    {
        var problem = await (await factory.MeAsync(tokens.AccessToken)).AssertProblemAsync(401, "unauthorized");
        Assert.Contains("session has ended", (string?)problem["detail"], StringComparison.Ordinal);
        await (await factory.RefreshAsync(tokens.RefreshToken)).AssertProblemAsync(401, "invalid-refresh-token");
    }

    [Fact]
    public async Task Deactivation_EndsTheAccessTokenAndTheRefreshToken()
    {
        var (id, _, tokens) = await SignedInOfficerAsync();
        var admin = await factory.AdminAsync();

        Assert.Equal(HttpStatusCode.OK, (await admin.PatchAsJsonAsync($"/api/admin/users/{id}", new { active = false })).StatusCode);

        await AssertEndedAsync(tokens);
    }

    [Fact]
    public async Task AnAdminPasswordReset_EndsTheAccessTokenAndTheRefreshToken()
    {
        var (id, _, tokens) = await SignedInOfficerAsync();
        var admin = await factory.AdminAsync();

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/admin/users/{id}/password-reset", null)).StatusCode);

        await AssertEndedAsync(tokens);
    }

    [Fact]
    public async Task ChangingOnesOwnPassword_EndsTheOtherSessions_WhileThisOneGoesOnWithTheFreshPair()
    {
        var (_, name, phone) = await SignedInOfficerAsync();
        var desk = await factory.SignInForTokensAsync(name);

        var changed = await factory.WithToken(desk.AccessToken).PostAsJsonAsync("/api/auth/password",
            new { currentPassword = ServiceFactory.Password, newPassword = "Fresh-pass-2027" });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var fresh = (await changed.Content.ReadFromJsonAsync<TokenPair>(Json.Options))!;

        await AssertEndedAsync(phone);
        await AssertEndedAsync(desk);
        Assert.Equal(HttpStatusCode.OK, (await factory.MeAsync(fresh.AccessToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await factory.RefreshAsync(fresh.RefreshToken)).StatusCode);
    }

    [Fact]
    public async Task SignOutEverywhere_EndsEverySession_ThisOneIncluded()
    {
        var (_, name, phone) = await SignedInOfficerAsync();
        var desk = await factory.SignInForTokensAsync(name);

        Assert.Equal(HttpStatusCode.NoContent, (await factory.WithToken(desk.AccessToken).PostAsync("/api/auth/signout-everywhere", null)).StatusCode);

        await AssertEndedAsync(phone);
        await AssertEndedAsync(desk);
    }

    [Fact]
    public async Task AfterSignOutEverywhere_AFreshSignInWorks_AndAStaleRefreshTokenDoesNotEndIt()
    {
        var (_, name, old) = await SignedInOfficerAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await factory.WithToken(old.AccessToken).PostAsync("/api/auth/signout-everywhere", null)).StatusCode);

        var fresh = await factory.SignInForTokensAsync(name);
        await (await factory.RefreshAsync(old.RefreshToken)).AssertProblemAsync(401, "invalid-refresh-token");

        Assert.Equal(HttpStatusCode.OK, (await factory.MeAsync(fresh.AccessToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await factory.RefreshAsync(fresh.RefreshToken)).StatusCode);
    }

    [Fact]
    public async Task NewRoles_EndTheAccessToken_AndARefreshBringsThem()
    {
        var (id, _, tokens) = await SignedInOfficerAsync();
        var admin = await factory.AdminAsync();

        Assert.Equal(HttpStatusCode.OK, (await admin.PatchAsJsonAsync($"/api/admin/users/{id}", new { roles = new[] { Roles.Chair } })).StatusCode);

        await (await factory.MeAsync(tokens.AccessToken)).AssertProblemAsync(401, "unauthorized");
        var refreshed = await factory.RefreshAsync(tokens.RefreshToken);
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        var pair = (await refreshed.Content.ReadFromJsonAsync<TokenPair>(Json.Options))!;
        var me = await factory.WithToken(pair.AccessToken).GetFromJsonAsync<CurrentUser>("/api/auth/me", Json.Options);
        Assert.Equal([Roles.Chair], me!.Roles);
    }
}
