using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Workflow.Engine.Execution;
using Workflow.Federation.Common;
using Workflow.Persistence.Instances;
using Workflow.Persistence.Runtime;
using Workflow.Persistence.Storage;
using Workflow.Server.Accounts;
using Workflow.Server.Problems;

namespace Workflow.Server.Engine;

public sealed record StartRequest([Present] string DefinitionId, [Present] JsonObject Input, string? CorrelationId, int? Version);

public sealed record StartedInstance(Guid InstanceId, string Status, string? Result, IReadOnlyList<Guid> Tasks);

public sealed record InstanceSummary(Guid Id, string DefinitionId, int DefinitionVersion, string? CorrelationId, InstanceStatus Status, string? Result,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public sealed record InstancePage(IReadOnlyList<InstanceSummary> Items, int Page, int PageSize, int Total);

/// <summary>Starting and reading instances with the caller's scope applied: an instance belongs to the region in its input's <c>regionCode</c>.</summary>
public sealed class InstanceService(WorkflowRuntime runtime, InstanceQueries queries, IDbContextFactory<WorkflowDbContext> contexts)
{
    public async Task<StartedInstance> StartAsync(Caller caller, StartRequest request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.DefinitionId)) throw Refusal.Validation(("definitionId", "必填（required）"));
        if (request.Input?["regionCode"] is not JsonValue region || !region.TryGetValue<string>(out var regionCode))
            throw Refusal.Validation(("input.regionCode", "必填：申请所属的区域（required: the region the request belongs to）"));
        if (!caller.Covers(regionCode)) throw Refusal.Forbidden($"区域 {regionCode} 不在您的辖区 {caller.RegionCode} 内（region {regionCode} is outside your region {caller.RegionCode}）");
        if (request.CorrelationId is { Length: > 200 }) throw Refusal.Validation(("correlationId", "至多 200 个字符（at most 200 characters）"));
        var result = await runtime.StartAsync(request.DefinitionId, request.Input, request.CorrelationId, caller.UserName, request.Version, cancellationToken);
        return new StartedInstance(result.InstanceId, result.Status.ToString().ToLowerInvariant(), result.Result,
            result.NewBookmarks.Where(b => b.Kind == BookmarkKind.UserTask).Select(b => b.Id).ToList());
    }

    public async Task<InstanceView> GetAsync(Caller caller, Guid id, CancellationToken cancellationToken)
    {
        var view = await queries.GetAsync(id, cancellationToken);
        var region = view.Input["regionCode"]?.GetValue<string>();
        if (!caller.IsAdmin && !caller.Covers(region)) throw Refusal.NotFound("instance", id);
        return view;
    }

    public async Task<IReadOnlyList<JournalEntry>> JournalAsync(Caller caller, Guid id, CancellationToken cancellationToken)
    {
        await GetAsync(caller, id, cancellationToken);
        return await queries.JournalAsync(id, cancellationToken);
    }

    public async Task<InstancePage> ListAsync(InstanceStatus? status, string? definitionId, string? correlationId, int page, int pageSize, CancellationToken cancellationToken)
    {
        page = Math.Max(1, page);
        pageSize = Math.Clamp(pageSize, 1, 200);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.Instances.AsNoTracking();
        if (status is not null) query = query.Where(i => i.Status == status);
        if (definitionId is not null) query = query.Where(i => i.DefinitionId == definitionId);
        if (correlationId is not null) query = query.Where(i => i.CorrelationId == correlationId);
        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderByDescending(i => i.CreatedAt).Skip((page - 1) * pageSize).Take(pageSize).Select(s_summary).ToListAsync(cancellationToken);
        return new InstancePage(items, page, pageSize, total);
    }

    /// <summary>One instance by its id, for an admin's search; null when there is none.</summary>
    public async Task<InstanceSummary?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Instances.AsNoTracking().Where(i => i.Id == id).Select(s_summary).SingleOrDefaultAsync(cancellationToken);
    }

    private static readonly System.Linq.Expressions.Expression<Func<InstanceRow, InstanceSummary>> s_summary =
        i => new InstanceSummary(i.Id, i.DefinitionId, i.DefinitionVersion, i.CorrelationId, i.Status, i.Result, i.CreatedAt, i.UpdatedAt);

    public async Task<IReadOnlyList<IncidentView>> IncidentsAsync(bool openOnly, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.Incidents.AsNoTracking();
        if (openOnly) query = query.Where(i => i.ResolvedAt == null);
        return await query.OrderByDescending(i => i.CreatedAt).Take(500)
            .Select(i => new IncidentView(i.Id, i.InstanceId, i.ActivityId, i.Message, i.CreatedAt, i.ResolvedAt, i.ResolvedBy))
            .ToListAsync(cancellationToken);
    }
}
