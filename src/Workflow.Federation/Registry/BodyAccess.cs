using Workflow.Federation.Common;
using Workflow.Federation.Regions;

namespace Workflow.Federation.Registry;

/// <summary>Which bodies an actor may plan for, and whether the people named for a schedule may take part.</summary>
public sealed class BodyAccess(RegistryService registry, IPeople people)
{
    /// <summary>The body if it lies in the actor's region; not found otherwise, so neighbours' bodies are not even confirmed to exist.</summary>
    public async Task<FederationBody> VisibleAsync(Acting actor, Guid bodyId, CancellationToken cancellationToken)
    {
        var body = await registry.GetAsync(bodyId, cancellationToken);
        if (!actor.Covers(body.RegionCode))
            throw Errors.NotFound("body", $"找不到妇联组织 {bodyId}，或不在您的辖区内", $"body '{bodyId}' does not exist or is outside your region");
        return body;
    }

    /// <summary>Everyone named must be an active account whose home region lies on the region's path (the region, above it or below it).</summary>
    public async Task<IReadOnlyDictionary<Guid, string>> CheckPeopleAsync(IReadOnlyList<Guid> ids, string? role, string regionCode, string field, CancellationToken cancellationToken)
    {
        if (ids.Count == 0) throw Errors.Invalid(field, "nobody-named", "请至少指定一人", "name at least one person");
        if (ids.Distinct().Count() != ids.Count) throw Errors.Invalid(field, "named-twice", "同一人出现了两次", "a person appears twice");
        var accounts = (await people.FindAsync(ids, cancellationToken)).Where(a => a.Active).ToList();
        var problems = ids.Where(id => accounts.All(a => a.Id != id))
                .Select(id => Errors.Field(field, "no-such-account", $"没有在用的账号 {id}", $"no active user {id}"))
            .Concat(accounts.Where(a => role is not null && !a.Roles.Contains(role))
                .Select(a => Errors.Field(field, "missing-role", $"{a.UserName} 没有{AccountRoles.ChineseName(role!)}角色", $"{a.UserName} is not a {role}")))
            .Concat(accounts.Where(a => !RegionCode.Covers(a.RegionCode, regionCode) && !RegionCode.Covers(regionCode, a.RegionCode))
                .Select(a => Errors.Field(field, "outside-region", $"{a.UserName} 的工作区域不在 {regionCode} 一线", $"{a.UserName} works outside the region {regionCode}")))
            .ToArray();
        if (problems.Length > 0) throw new FederationValidationException(problems);
        return accounts.ToDictionary(a => a.Id, a => a.DisplayName);
    }

    /// <summary>Display names of the people a stored schedule names (some may have left since).</summary>
    public async Task<IReadOnlyDictionary<Guid, string>> NamesAsync(IEnumerable<Guid> ids, CancellationToken cancellationToken) =>
        (await people.FindAsync([.. ids.Distinct()], cancellationToken)).ToDictionary(a => a.Id, a => a.DisplayName);
}
