using Microsoft.EntityFrameworkCore;
using Workflow.Federation.Storage;
using Workflow.Persistence.Storage;

namespace Workflow.Server.Storage;

/// <summary>
/// The three contexts of the service's database, engine first, each with its own migrations and history table, configured as the
/// service configures them: what the operator's commands (<c>migrate</c>, <c>copy-to-postgresql</c>) run over.
/// </summary>
internal sealed record StoreContext(string Name, Func<WorkflowStorage, DbContext> Create)
{
    public static readonly IReadOnlyList<StoreContext> All =
    [
        new("engine", s => new WorkflowDbContext(Options<WorkflowDbContext>(s, null))),
        new("federation", s => new FederationDbContext(Options<FederationDbContext>(s, FederationDbContext.MigrationsHistoryTable))),
        new("service", s => new ServiceDbContext(Options<ServiceDbContext>(s, ServiceDbContext.MigrationsTable))),
    ];

    public static DbContextOptions<T> Options<T>(WorkflowStorage storage, string? migrationsHistoryTable) where T : DbContext =>
        (DbContextOptions<T>)storage.Configure(new DbContextOptionsBuilder<T>(), migrationsHistoryTable).Options;
}
