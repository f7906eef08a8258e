using Microsoft.EntityFrameworkCore;
using Workflow.Federation.Elections;
using Workflow.Federation.Registry;
using Workflow.Server.Accounts;
using Workflow.Server.Problems;
using Workflow.Server.Storage;
using Workflow.Federation.Regions;

namespace Workflow.Server.Bodies;

/// <summary>Which bodies a caller may plan for, and whether the people named for a schedule may take part.</summary>
public sealed class BodyAccess(RegistryService registry, IDbContextFactory<ServiceDbContext> accounts)
{
    /// <summary>The body if it lies in the caller's region; 404 otherwise, so neighbours' bodies are not even confirmed to exist.</summary>
    public async Task<FederationBody> VisibleAsync(Caller caller, Guid bodyId, CancellationToken cancellationToken)
    {
        var body = await registry.GetAsync(bodyId, cancellationToken);
        if (!caller.Covers(body.RegionCode)) throw ProblemException.NotFound("body", bodyId);
        return body;
    }

    /// <summary>Everyone named must be an active account whose home region lies on the region's path (the region, above it or below it).</summary>
    public async Task<IReadOnlyDictionary<Guid, string>> CheckPeopleAsync(IReadOnlyList<Guid> ids, string? role, string regionCode, string field, CancellationToken cancellationToken)
    {
        if (ids.Count == 0) throw ProblemException.Validation((field, "name at least one person"));
        if (ids.Distinct().Count() != ids.Count) throw ProblemException.Validation((field, "a person appears twice"));
        await using var db = await accounts.CreateDbContextAsync(cancellationToken);
        var users = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id) && u.Active).ToListAsync(cancellationToken);
        var problems = ids.Where(id => users.All(u => u.Id != id)).Select(id => (field, $"no active user {id}"))
            .Concat(users.Where(u => role is not null && !u.RoleList.Contains(role)).Select(u => (field, $"{u.UserName} is not a {role}")))
            .Concat(users.Where(u => !RegionCode.Covers(u.RegionCode, regionCode) && !RegionCode.Covers(regionCode, u.RegionCode))
                .Select(u => (field, $"{u.UserName} works outside the region {regionCode}")))
            .ToArray();
        if (problems.Length > 0) throw ProblemException.Validation(problems);
        return users.ToDictionary(u => u.Id, u => u.DisplayName);
    }

    /// <summary>Display names of the people a stored schedule names (some may have left since).</summary>
    public async Task<IReadOnlyDictionary<Guid, string>> NamesAsync(IEnumerable<Guid> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.Distinct().ToList();
        await using var db = await accounts.CreateDbContextAsync(cancellationToken);
        return await db.Users.AsNoTracking().Where(u => wanted.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
    }

    public static ProblemException Refused(IReadOnlyList<Explanation> refusals, Dictionary<string, object?>? extensions = null)
    {
        extensions ??= [];
        extensions["explanations"] = refusals;
        return new ProblemException(422, "rule-refused", "不符合规则 / Refused by the rules", string.Join("；", refusals.Select(r => r.Chinese)), extensions);
    }
}
