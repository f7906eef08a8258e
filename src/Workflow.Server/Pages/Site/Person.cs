using System.Security.Claims;
using Workflow.Server.Accounts;

namespace Workflow.Server.Pages.Site;

/// <summary>The signed-in person as every page's header shows her: name, role and region.</summary>
public sealed record Person(string Name, string Roles, string Region)
{
    public const string RegionNameClaim = "region_name";

    public static Person? From(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true) return null;
        var caller = Caller.From(user);
        var roles = string.Join(Text.ListSeparator, caller.Roles.Select(r => RoleName(r, caller.ApproverKind)));
        var region = user.FindFirstValue(RegionNameClaim) is { Length: > 0 } name ? name + Text.InBrackets(caller.RegionCode) : caller.RegionCode;
        return new Person(user.FindFirstValue(AccountClaims.DisplayNameClaim) ?? caller.UserName, roles, region);
    }

    public static string RoleName(string role, string? approverKind) => role switch
    {
        Accounts.Roles.Officer => Text.RoleOfficer,
        Accounts.Roles.Approver when approverKind is not null => Text.RoleApprover + Text.InBrackets(KindName(approverKind)),
        Accounts.Roles.Approver => Text.RoleApprover,
        Accounts.Roles.Chair => Text.RoleChair,
        Accounts.Roles.Admin => Text.RoleAdmin,
        Accounts.Roles.Member => Text.RoleMember,
        _ => role,
    };

    public static string KindName(string approverKind) => approverKind switch
    {
        ApproverKinds.PartyOrganization => Text.KindPartyOrganization,
        ApproverKinds.SuperiorFederation => Text.KindSuperiorFederation,
        ApproverKinds.Registrar => Text.KindRegistrar,
        _ => approverKind,
    };
}
