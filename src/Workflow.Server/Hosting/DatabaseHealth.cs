using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Workflow.Persistence.Storage;

namespace Workflow.Server.Hosting;

internal sealed class DatabaseHealth(IDbContextFactory<WorkflowDbContext> contexts) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var definitions = await db.Definitions.CountAsync(cancellationToken);
            return HealthCheckResult.Healthy($"{definitions} definition versions");
        }
        catch (Exception ex) when (ex is Microsoft.Data.Sqlite.SqliteException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy("the database cannot be read", ex);
        }
    }
}
