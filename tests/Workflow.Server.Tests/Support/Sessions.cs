using System.Net.Http.Json;
using Workflow.Server.Accounts;

namespace Workflow.Server.Tests.Support;

/// <summary>Sign-ins that keep the whole token pair, for tests of how sessions end.</summary>
public static class Sessions
{
    /// <summary>A user name no other test uses (20 characters).</summary>
    public static string UniqueName(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..20];

    public static async Task<TokenPair> SignInForTokensAsync(this ServiceFactory factory, string userName, string password = ServiceFactory.Password)
    {
        var response = await factory.CreateClient().PostAsJsonAsync("/api/auth/token", new { userName, password });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<TokenPair>(Json.Options))!;
    }

    public static Task<HttpResponseMessage> RefreshAsync(this ServiceFactory factory, string refreshToken) =>
        factory.CreateClient().PostAsJsonAsync("/api/auth/refresh", new { refreshToken });

    public static Task<HttpResponseMessage> MeAsync(this ServiceFactory factory, string accessToken) =>
        factory.WithToken(accessToken).GetAsync("/api/auth/me");
}
