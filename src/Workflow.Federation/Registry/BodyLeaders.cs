using Workflow.Federation.Common;

namespace Workflow.Federation.Registry;

public sealed record LeaderAccountRequest(Guid? UserId);

/// <summary>
/// The elected leaders are recorded by name; the service reaches them through accounts. An officer links each leader to
/// her account, and the rotation (chair and vice-chairs) and the duty groups (every executive) then default to them; once
/// every elected leader is linked, they plan themselves (<see cref="BodySetUp"/>).
/// </summary>
public sealed class BodyLeaders(BodyAccess access, RegistryService registry, BodySetUp setUp)
{
    public async Task<FederationBody> LinkAsync(Acting actor, Guid bodyId, Guid leaderId, LeaderAccountRequest request, CancellationToken cancellationToken)
    {
        var body = await access.VisibleAsync(actor, bodyId, cancellationToken);
        var leader = body.Leaders.FirstOrDefault(l => l.Id == leaderId)
            ?? throw Errors.NotFound("leader", $"妇联组织 {bodyId} 没有领导成员 {leaderId}", $"leader '{leaderId}' does not exist or is outside your region");
        if (request.UserId is { } userId)
        {
            // Whoever chairs a rotation needs the chair role; executives may hold any role.
            var role = leader.Role is LeaderRole.Chair or LeaderRole.ViceChair or LeaderRole.Head ? AccountRoles.Chair : null;
            await access.CheckPeopleAsync([userId], role, body.RegionCode, "userId", cancellationToken);
            if (body.Leaders.Any(l => l.Id != leaderId && l.UserId == userId))
                throw Errors.Invalid("userId", "account-linked-twice", "该账号已关联本组织的另一位领导成员", "this account is linked to another leader of the body");
        }
        var linked = await registry.LinkLeaderAsync(bodyId, leaderId, request.UserId, cancellationToken);
        if (request.UserId is null) return linked;
        await setUp.CompleteWhenReadyAsync(bodyId, cancellationToken);
        return await registry.GetAsync(bodyId, cancellationToken);
    }

    /// <summary>The chair, then the vice-chairs in their order: the rotation order when the officer names none.</summary>
    public static IReadOnlyList<Guid> Presidium(FederationBody body) =>
        Accounts(body, body.Leaders.Where(l => l.Role == LeaderRole.Chair).Concat(body.Leaders.Where(l => l.Role == LeaderRole.ViceChair)).ToList(), "order");

    /// <summary>Every leader of the executive committee (chair, vice-chairs, members): the duty groups' people when the officer names none.</summary>
    public static IReadOnlyList<Guid> Executives(FederationBody body) => Accounts(body, [.. body.Leaders.Where(OnTheExecutiveCommittee)], "executives");

    /// <summary>The accounts linked to the executive committee's leaders, the only people the duty groups may name.</summary>
    public static IReadOnlySet<Guid> LinkedExecutives(FederationBody body) =>
        body.Leaders.Where(OnTheExecutiveCommittee).Select(l => l.UserId).OfType<Guid>().ToHashSet();

    private static bool OnTheExecutiveCommittee(BodyLeader leader) => leader.Role is LeaderRole.Chair or LeaderRole.ViceChair or LeaderRole.ExecutiveMember;

    private static IReadOnlyList<Guid> Accounts(FederationBody body, List<BodyLeader> leaders, string field)
    {
        if (leaders.Count == 0)
            throw Errors.Invalid(field, "no-leaders", $"{body.Name} 没有登记这些领导成员，请直接指定人员", $"{body.Name} has no such leaders recorded: name the people");
        var unlinked = leaders.Where(l => l.UserId is null).Select(l => l.Name).ToList();
        if (unlinked.Count > 0)
            throw Errors.Invalid(field, "leaders-unlinked", $"请先为这些领导成员关联账号，或直接指定人员：{string.Join("、", unlinked)}",
                $"link these leaders to their accounts first, or name the people: {string.Join("、", unlinked)}");
        return [.. leaders.Select(l => l.UserId!.Value)];
    }
}
