using System.Linq.Expressions;
using System.Security.Claims;
using Workflow.Federation;
using Workflow.Federation.Regions;

namespace Workflow.Server.Accounts;

/// <summary>The signed-in person as the server sees them: every authorization decision starts here, never from the request body.</summary>
public sealed record Caller(Guid Id, string UserName, IReadOnlyList<string> Roles, string? ApproverKind, string RegionCode)
{
    public const string RegionClaim = "region";
    public const string ApproverKindClaim = "approver_kind";
    public const string MustChangePasswordClaim = "must_change_password";
    public const string SecurityStampClaim = "stamp";

    public bool IsAdmin => Roles.Contains(Accounts.Roles.Admin);

    public bool Has(string role) => Roles.Contains(role);

    /// <summary>The caller as the federation's services see her.</summary>
    public Acting Acting => new(Id, UserName, RegionCode, IsAdmin);

    /// <summary>Whether a record in <paramref name="regionCode"/> lies in the caller's region or below it.</summary>
    public bool Covers(string? regionCode) => IsAdmin || Federation.Regions.RegionCode.Covers(RegionCode, regionCode);

    /// <summary>The rows in the caller's region or below it; every row for an admin. The one admin bypass, for queries.</summary>
    public IQueryable<T> Reach<T>(IQueryable<T> rows, Expression<Func<T, string>> regionColumn) => IsAdmin ? rows : rows.Within(regionColumn, RegionCode);

    public static Caller From(ClaimsPrincipal principal)
    {
        var id = principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? principal.FindFirstValue("sub");
        return new Caller(
            Guid.TryParse(id, out var guid) ? guid : Guid.Empty,
            principal.FindFirstValue(ClaimTypes.Name) ?? principal.FindFirstValue("name") ?? id ?? "",
            principal.Claims.Where(c => c.Type is "role" or ClaimTypes.Role).Select(c => c.Value).Distinct().ToList(),
            principal.FindFirstValue(ApproverKindClaim),
            principal.FindFirstValue(RegionClaim) ?? "\u0000");
    }
}
