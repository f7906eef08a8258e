using System.IdentityModel.Tokens.Jwt;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.Tokens;
using Workflow.Server.Accounts;
using Workflow.Server.Tests.Support;

namespace Workflow.Server.Tests.Accounts;

/// <summary>Every way a token can be wrong gives 401, never access.</summary>
public sealed class TokenRefusalTests(ServiceFactory factory) : IClassFixture<ServiceFactory>
{
    private SymmetricSecurityKey ServiceKey()
    {
        _ = factory.Server; // the key is generated at first start
        return new SymmetricSecurityKey(Convert.FromBase64String(File.ReadAllText(Path.Combine(factory.DataFolder, "keys", "jwt-signing.key"))));
    }

    /// <summary>The admin's real claims, so that only the flaw each test puts in differs from a token the service issued.</summary>
    private async Task<IReadOnlyList<Claim>> AdminClaimsAsync()
    {
        var tokens = await factory.SignInForTokensAsync("admin", ServiceFactory.AdminPassword);
        return [.. new JwtSecurityTokenHandler().ReadJwtToken(tokens.AccessToken).Claims.Where(c => c.Type is "sub" or "name" or "role" or "region" or "stamp")];
    }

    private async Task<string> TokenAsync(SecurityKey key, string issuer = "workflow", string audience = "workflow-api", DateTime? expires = null,
        Func<Claim, bool>? keep = null) =>
        Token(key, (await AdminClaimsAsync()).Where(keep ?? (_ => true)), issuer, audience, expires);

    private string Token(SecurityKey key, IEnumerable<Claim> claims, string issuer, string audience, DateTime? expires)
    {
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        var token = new JwtSecurityToken(issuer, audience, claims, (expires ?? now.AddMinutes(10)).AddMinutes(-20), expires ?? now.AddMinutes(10),
            new SigningCredentials(key, SecurityAlgorithms.HmacSha256));
        return new JwtSecurityTokenHandler().WriteToken(token);
    }

    private async Task AssertRefusedAsync(string? token)
    {
        var client = token is null ? factory.CreateClient() : factory.WithToken(token);
        var problem = await (await client.GetAsync("/api/admin/users")).AssertProblemAsync(401, "unauthorized");
        Assert.NotNull(problem["detail"]);
    }

    [Fact]
    public async Task AValidToken_IsAccepted_SoTheRefusalsBelowAreAboutTheirFlaw()
    {
        var response = await factory.WithToken(await TokenAsync(ServiceKey())).GetAsync("/api/admin/users");
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public Task NoToken_Is401() => AssertRefusedAsync(null);

    [Fact]
    public async Task AnExpiredToken_Is401() => await AssertRefusedAsync(await TokenAsync(ServiceKey(), expires: factory.Clock.GetUtcNow().UtcDateTime.AddMinutes(-5)));

    [Fact]
    public async Task ATokenExpiredForMoreThanThirtySeconds_Is401() =>
        await AssertRefusedAsync(await TokenAsync(ServiceKey(), expires: factory.Clock.GetUtcNow().UtcDateTime.AddSeconds(-31)));

    [Fact]
    public async Task TheServicesOwnToken_WorksToItsExpiryPlusThirtySecondsOfSkew_AndNotASecondLonger()
    {
        await using var own = new ServiceFactory();
        var response = await own.CreateClient().PostAsJsonAsync("/api/auth/token", new { userName = "admin", password = ServiceFactory.AdminPassword });
        var tokens = (await response.Content.ReadFromJsonAsync<TokenPair>(Json.Options))!;
        var client = own.WithToken(tokens.AccessToken);

        own.Clock.SetUtcNow(tokens.ExpiresAt + TimeSpan.FromSeconds(29));
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/api/auth/me")).StatusCode);
        own.Clock.SetUtcNow(tokens.ExpiresAt + TimeSpan.FromSeconds(31));
        await (await client.GetAsync("/api/auth/me")).AssertProblemAsync(401, "unauthorized");
    }

    [Fact]
    public async Task ATokenSignedWithAnotherKey_Is401() =>
        await AssertRefusedAsync(await TokenAsync(new SymmetricSecurityKey(Encoding.UTF8.GetBytes("another key that is long enough for HMAC-SHA256!!"))));

    [Fact]
    public async Task ATokenFromAnotherIssuer_Is401() => await AssertRefusedAsync(await TokenAsync(ServiceKey(), issuer: "someone-else"));

    [Fact]
    public async Task ATokenForAnotherAudience_Is401() => await AssertRefusedAsync(await TokenAsync(ServiceKey(), audience: "another-api"));

    [Fact]
    public async Task AWellSignedTokenWithoutASecurityStamp_Is401() => await AssertRefusedAsync(await TokenAsync(ServiceKey(), keep: c => c.Type != "stamp"));

    [Fact]
    public async Task AWellSignedTokenWithAnotherStamp_Is401() =>
        await AssertRefusedAsync(Token(ServiceKey(), [.. (await AdminClaimsAsync()).Where(c => c.Type != "stamp"), new Claim("stamp", "0123456789ABCDEF0123456789ABCDEF")],
            "workflow", "workflow-api", null));

    [Fact]
    public Task AnUnsignedAlgNoneToken_Is401()
    {
        static string Segment(string json) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(json));
        var exp = factory.Clock.GetUtcNow().AddMinutes(10).ToUnixTimeSeconds();
        var token = Segment("""{"alg":"none","typ":"JWT"}""") + "." +
            Segment($$"""{"sub":"{{Guid.NewGuid()}}","name":"admin","role":"admin","region":"350583","iss":"workflow","aud":"workflow-api","exp":{{exp}}}""") + ".";
        return AssertRefusedAsync(token);
    }

    [Fact]
    public Task AGarbageToken_Is401() => AssertRefusedAsync("not.a.jwt");
}
