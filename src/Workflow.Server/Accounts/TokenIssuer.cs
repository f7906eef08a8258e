using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Workflow.Server.Accounts;

public sealed record TokenPair(string AccessToken, DateTimeOffset ExpiresAt, string RefreshToken, DateTimeOffset RefreshExpiresAt, bool MustChangePassword)
{
    public string TokenType => "Bearer";
}

public sealed class TokenIssuer(SigningKey key, IOptions<AuthOptions> options, TimeProvider clock)
{
    private readonly JwtSecurityTokenHandler _handler = new();

    public (string Token, DateTimeOffset ExpiresAt) AccessToken(UserRow user)
    {
        var now = clock.GetUtcNow();
        var expires = now.AddMinutes(options.Value.AccessTokenMinutes);
        var claims = AccountClaims.For(user);
        claims.Add(new Claim(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString("N")));
        var token = new JwtSecurityToken(options.Value.Issuer, options.Value.Audience, claims, now.UtcDateTime, expires.UtcDateTime,
            new SigningCredentials(key.Key, SecurityAlgorithms.HmacSha256));
        return (_handler.WriteToken(token), expires);
    }

    public static string NewRefreshToken() => Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string refreshToken) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(refreshToken)));
}
