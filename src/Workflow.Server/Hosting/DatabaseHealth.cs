using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Workflow.Persistence.Storage;

namespace Workflow.Server.Hosting;

/// <summary>
/// Reads the database and commits a write to it: a disk that still serves reads but refuses writes is unhealthy, and so is a
/// PostgreSQL server that cannot be reached.
/// </summary>
internal sealed class DatabaseHealth(IDbContextFactory<WorkflowDbContext> contexts, StorageProbe probe, ILogger<DatabaseHealth> logger) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        int definitions;
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            definitions = await db.Definitions.CountAsync(cancellationToken);
        }
        catch (Exception ex) when (StorageErrors.Describe(ex) is not null || ex is InvalidOperationException)
        {
            logger.LogError(ex, "The database cannot be read: {Storage}", StorageErrors.Describe(ex) ?? ex.Message);
            return HealthCheckResult.Unhealthy("the database cannot be read", ex);
        }
        try
        {
            await probe.WriteAsync(cancellationToken);
        }
        catch (Exception ex) when (StorageErrors.Describe(ex) is { } storage)
        {
            logger.LogError(ex, "The database refused the health write: {Storage}", storage);
            var status = StorageErrors.IsBusy(ex) ? HealthStatus.Degraded : HealthStatus.Unhealthy;
            return new HealthCheckResult(status, $"the database cannot be written: {ex.Message}", ex);
        }
        return HealthCheckResult.Healthy($"{definitions} definition versions; a write was committed");
    }
}
