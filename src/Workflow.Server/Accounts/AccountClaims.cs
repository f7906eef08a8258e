using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;

namespace Workflow.Server.Accounts;

/// <summary>What an access token and a page session say about a person: the same claims, so <see cref="Caller.From"/> and <see cref="SessionGuard"/> read both alike.</summary>
public static class AccountClaims
{
    /// <summary>The person's own name as an admin wrote it, shown on every page; the API speaks user names.</summary>
    public const string DisplayNameClaim = "display_name";

    public static List<Claim> For(UserRow user)
    {
        var claims = new List<Claim>
        {
            new(JwtRegisteredClaimNames.Sub, user.Id.ToString()),
            new(JwtRegisteredClaimNames.Name, user.UserName),
            new(Caller.RegionClaim, user.RegionCode),
            new(Caller.SecurityStampClaim, user.SecurityStamp),
        };
        claims.AddRange(user.RoleList.Select(r => new Claim("role", r)));
        if (user.ApproverKind is not null) claims.Add(new Claim(Caller.ApproverKindClaim, user.ApproverKind));
        if (user.MustChangePassword) claims.Add(new Claim(Caller.MustChangePasswordClaim, "true"));
        return claims;
    }

    /// <summary>A page session's principal: the token's claims and the display name, with the claim types <see cref="Caller"/> reads.</summary>
    public static ClaimsPrincipal Principal(UserRow user, string scheme)
    {
        var claims = For(user);
        claims.Add(new Claim(DisplayNameClaim, user.DisplayName));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, JwtRegisteredClaimNames.Name, "role"));
    }
}
