using Microsoft.EntityFrameworkCore;
using Workflow.Engine.Execution;
using Workflow.Federation.Subjects;
using Workflow.Persistence.Storage;

namespace Workflow.Server.Tasks;

/// <summary>
/// The request each task belongs to, for lists and task pages alike (API and pages): what the federation knows the
/// instance (or the parent that started it as a child workflow) by, else the <c>name</c> or <c>bodyName</c> its starter gave in the input (an instance started through the API).
/// </summary>
public sealed class TaskSubjects(InstanceSubjects subjects, IDbContextFactory<WorkflowDbContext> engine)
{
    public async Task<IReadOnlyDictionary<Guid, InstanceSubject>> ForAsync(IReadOnlyCollection<Guid> instanceIds, CancellationToken cancellationToken)
    {
        var known = new Dictionary<Guid, InstanceSubject>(await subjects.ForAsync(instanceIds, cancellationToken));
        var rest = instanceIds.Where(id => !known.ContainsKey(id)).Distinct().Take(InstanceSubjects.MaxInstances).ToList();
        if (rest.Count == 0) return known;
        await using var db = await engine.CreateDbContextAsync(cancellationToken);
        // A child workflow's task (the election of a founding) is about what its parent is about.
        var parents = await db.Instances.AsNoTracking().Where(i => rest.Contains(i.Id) && i.ParentInstanceId != null)
            .Select(i => new { i.Id, Parent = i.ParentInstanceId!.Value }).ToListAsync(cancellationToken);
        if (parents.Count > 0)
        {
            var named = await subjects.ForAsync([.. parents.Select(p => p.Parent)], cancellationToken);
            foreach (var child in parents)
                if (named.TryGetValue(child.Parent, out var subject)) known[child.Id] = subject;
            rest = [.. rest.Where(id => !known.ContainsKey(id))];
        }
        var states = await db.Instances.AsNoTracking().Where(i => rest.Contains(i.Id)).Select(i => new { i.Id, i.State }).ToListAsync(cancellationToken);
        foreach (var row in states)
        {
            var input = InstanceState.FromJson(row.State).Input;
            if ((input["name"] ?? input["bodyName"]) is System.Text.Json.Nodes.JsonValue value && value.TryGetValue<string>(out var name) && !string.IsNullOrWhiteSpace(name))
                known[row.Id] = new InstanceSubject(name, [], null, null);
        }
        return known;
    }
}
