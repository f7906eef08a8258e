using Workflow.Federation;

namespace Workflow.Server.Accounts;

public static class Roles
{
    public const string Officer = AccountRoles.Officer;
    public const string Approver = "approver";
    public const string Chair = AccountRoles.Chair;
    public const string Admin = "admin";
    /// <summary>执委: an executive member's account, made when she accepts her invitation; no policy asks for it (see <see cref="AccountRoles.Member"/>).</summary>
    public const string Member = AccountRoles.Member;

    public static readonly IReadOnlyList<string> All = [Officer, Approver, Chair, Admin, Member];

    public static bool IsKnown(string role) => All.Contains(role);
}

/// <summary>Who signs off a step: the party organization, the superior federation or the registrar.</summary>
public static class ApproverKinds
{
    public const string PartyOrganization = "partyOrganization";
    public const string SuperiorFederation = "superiorFederation";
    public const string Registrar = "registrar";

    public static readonly IReadOnlyList<string> All = [PartyOrganization, SuperiorFederation, Registrar];
}
