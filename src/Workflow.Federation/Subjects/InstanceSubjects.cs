using Microsoft.EntityFrameworkCore;
using Workflow.Federation.Storage;

namespace Workflow.Federation.Subjects;

/// <summary>What a workflow instance is for, in the words people know it by: a founding request with its organizations, or a body.</summary>
public sealed record InstanceSubject(string Name, IReadOnlyList<string> Organizations, Guid? FoundingRequestId, Guid? BodyId)
{
    /// <summary>One line for a list: "官桥镇某企业妇联（甲公司、乙公司）", or the body's name.</summary>
    public string Line => Organizations.Count == 0 || (Organizations.Count == 1 && Organizations[0] == Name)
        ? Name
        : $"{Name}（{string.Join("、", Organizations)}）";
}

/// <summary>
/// Names the request behind each task ("党组织意见" alone says nothing, issue 11): founding requests by their instance,
/// schedules' follow-ups (handovers, re-election, meeting records) by the body or meeting group they were started for.
/// </summary>
public sealed class InstanceSubjects(FederationWriter writer)
{
    /// <summary>Bounds one look-up: a page of tasks, never a whole table.</summary>
    public const int MaxInstances = 500;

    public async Task<IReadOnlyDictionary<Guid, InstanceSubject>> ForAsync(IReadOnlyCollection<Guid> instanceIds, CancellationToken cancellationToken = default)
    {
        var ids = instanceIds.Distinct().Take(MaxInstances).ToList();
        var found = new Dictionary<Guid, InstanceSubject>();
        if (ids.Count == 0) return found;
        await using var db = await writer.ReadAsync(cancellationToken);
        // Up to five queries: one connection for all of them, not one taken from and returned to the pool each.
        await db.Database.OpenConnectionAsync(cancellationToken);
        var requests = await db.FoundingRequests.AsNoTracking().Where(r => r.InstanceId != null && ids.Contains(r.InstanceId.Value))
            .Select(r => new { InstanceId = r.InstanceId!.Value, r.Id, r.Name, r.BodyId }).ToListAsync(cancellationToken);
        var requestIds = requests.Select(r => r.Id).ToList();
        // A page of tasks often holds no request, or no schedule's follow-up: no query for what cannot be there.
        var members = requestIds.Count == 0 ? [] : await db.FoundingMembers.AsNoTracking().Where(m => requestIds.Contains(m.RequestId))
            .Join(db.Organizations, m => m.OrganizationId, o => o.Id, (m, o) => new { m.RequestId, o.Name })
            .ToListAsync(cancellationToken);
        foreach (var r in requests)
            found[r.InstanceId] = new InstanceSubject(r.Name, [.. members.Where(m => m.RequestId == r.Id).Select(m => m.Name).Order(StringComparer.Ordinal)], r.Id, r.BodyId);

        var rest = ids.Where(id => !found.ContainsKey(id)).ToList();
        if (rest.Count == 0) return found;
        var followUps = await db.FollowUps.AsNoTracking().Where(f => rest.Contains(f.InstanceId)).ToListAsync(cancellationToken);
        if (followUps.Count == 0) return found;
        var subjectIds = followUps.Select(f => f.SubjectId).Distinct().ToList();
        var bodies = await db.Bodies.AsNoTracking().Where(b => subjectIds.Contains(b.Id)).ToDictionaryAsync(b => b.Id, b => b.Name, cancellationToken);
        var groups = await db.MeetingGroups.AsNoTracking().Where(g => subjectIds.Contains(g.Id)).ToDictionaryAsync(g => g.Id, g => g.Name, cancellationToken);
        foreach (var f in followUps)
        {
            if (bodies.TryGetValue(f.SubjectId, out var body)) found[f.InstanceId] = new InstanceSubject(body, [], null, f.SubjectId);
            else if (groups.TryGetValue(f.SubjectId, out var group)) found[f.InstanceId] = new InstanceSubject(group, [], null, null);
        }
        return found;
    }
}
