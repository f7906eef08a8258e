using System.Net;
using System.Net.Http.Json;
using Workflow.Server.Accounts;
using Workflow.Server.Tests.Support;

namespace Workflow.Server.Tests.Accounts;

public sealed class SignInTests(ServiceFactory factory) : IClassFixture<ServiceFactory>
{
    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..20];

    private async Task<HttpResponseMessage> PostTokenAsync(string userName, string password) =>
        await factory.CreateClient().PostAsJsonAsync("/api/auth/token", new { userName, password });

    [Fact]
    public async Task SignIn_WithTheRightPassword_ReturnsAnAccessTokenThatOpensTheApi()
    {
        var name = Unique("officer");
        await factory.CreateUserAsync(name, Roles.Officer, TestRegions.Town);
        var response = await PostTokenAsync(name, ServiceFactory.Password);
        var tokens = (await response.Content.ReadFromJsonAsync<TokenPair>(Json.Options))!;

        var me = await factory.WithToken(tokens.AccessToken).GetFromJsonAsync<CurrentUser>("/api/auth/me", Json.Options);
        Assert.Equal(name, me!.UserName);
        Assert.Equal([Roles.Officer], me.Roles);
        Assert.Equal(TestRegions.Town, me.RegionCode);
        Assert.True(tokens.ExpiresAt > factory.Clock.GetUtcNow().AddMinutes(5));
    }

    [Fact]
    public async Task SignIn_WithAWrongPassword_Is401WithoutSayingWhichPartWasWrong()
    {
        var name = Unique("officer");
        await factory.CreateUserAsync(name, Roles.Officer, TestRegions.Town);
        await (await PostTokenAsync(name, "not-the-password-1")).AssertProblemAsync(401, "invalid-credentials");
        await (await PostTokenAsync(Unique("nobody"), "not-the-password-1")).AssertProblemAsync(401, "invalid-credentials");
    }

    [Fact]
    public async Task FiveFailedSignIns_LockTheAccount_EvenAgainstTheRightPassword()
    {
        var name = Unique("officer");
        await factory.CreateUserAsync(name, Roles.Officer, TestRegions.Town);
        for (var i = 0; i < 5; i++) await PostTokenAsync(name, "wrong-password-" + i);

        var problem = await (await PostTokenAsync(name, ServiceFactory.Password)).AssertProblemAsync(423, "account-locked");
        Assert.NotNull(problem["lockedUntil"]);
    }

    [Fact]
    public async Task Refresh_IssuesANewPair_AndTheOldRefreshTokenNoLongerWorks()
    {
        var name = Unique("officer");
        await factory.CreateUserAsync(name, Roles.Officer, TestRegions.Town);
        var first = (await (await PostTokenAsync(name, ServiceFactory.Password)).Content.ReadFromJsonAsync<TokenPair>(Json.Options))!;
        var client = factory.CreateClient();

        var refreshed = await client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = first.RefreshToken });
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        var second = (await refreshed.Content.ReadFromJsonAsync<TokenPair>(Json.Options))!;
        Assert.NotEqual(first.RefreshToken, second.RefreshToken);

        await (await client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = first.RefreshToken })).AssertProblemAsync(401, "invalid-refresh-token");
        // Replaying a rotated token is treated as theft: the session it led to ends too.
        await (await client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = second.RefreshToken })).AssertProblemAsync(401, "invalid-refresh-token");
    }

    [Fact]
    public async Task SignOut_RevokesTheRefreshToken()
    {
        var name = Unique("officer");
        await factory.CreateUserAsync(name, Roles.Officer, TestRegions.Town);
        var tokens = (await (await PostTokenAsync(name, ServiceFactory.Password)).Content.ReadFromJsonAsync<TokenPair>(Json.Options))!;
        var client = factory.CreateClient();

        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsJsonAsync("/api/auth/signout", new { refreshToken = tokens.RefreshToken })).StatusCode);
        await (await client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = tokens.RefreshToken })).AssertProblemAsync(401, "invalid-refresh-token");
    }

    [Fact]
    public async Task AOneTimePassword_OnlyAllowsChangingIt_ThenTheNewOneWorks()
    {
        var name = Unique("officer");
        var id = await factory.CreateUserAsync(name, Roles.Officer, TestRegions.Town);
        var admin = await factory.AdminAsync();
        var reset = (await (await admin.PostAsync($"/api/admin/users/{id}/password-reset", null)).Content.ReadFromJsonAsync<UserWithPassword>(Json.Options))!;
        Assert.NotNull(reset.OneTimePassword);

        var client = await factory.SignInAsync(name, reset.OneTimePassword!);
        await (await client.GetAsync("/api/tasks")).AssertProblemAsync(403, "password-change-required");
        await (await client.PostAsJsonAsync("/api/auth/password", new { currentPassword = reset.OneTimePassword, newPassword = "short" })).AssertProblemAsync(400, "validation");
        var changed = await client.PostAsJsonAsync("/api/auth/password", new { currentPassword = reset.OneTimePassword, newPassword = "Fresh-pass-2027" });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);

        var fresh = await factory.SignInAsync(name, "Fresh-pass-2027");
        Assert.Equal(HttpStatusCode.OK, (await fresh.GetAsync("/api/tasks")).StatusCode);
        await (await PostTokenAsync(name, reset.OneTimePassword!)).AssertProblemAsync(401, "invalid-credentials");
    }

    [Fact]
    public async Task ADeactivatedUser_CannotSignIn()
    {
        var name = Unique("officer");
        var id = await factory.CreateUserAsync(name, Roles.Officer, TestRegions.Town);
        var admin = await factory.AdminAsync();
        Assert.Equal(HttpStatusCode.OK, (await admin.PatchAsJsonAsync($"/api/admin/users/{id}", new { active = false })).StatusCode);
        await (await PostTokenAsync(name, ServiceFactory.Password)).AssertProblemAsync(401, "invalid-credentials");
    }
}
