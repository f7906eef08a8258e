using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Workflow.Persistence.Storage;

namespace Workflow.Server.Hosting;

/// <summary>Reads the database and commits a write to it: a disk that still serves reads but refuses writes is unhealthy.</summary>
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
        catch (Exception ex) when (ex is SqliteException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy("the database cannot be read", ex);
        }
        try
        {
            await probe.WriteAsync(cancellationToken);
        }
        catch (SqliteException ex)
        {
            logger.LogError(ex, "The database refused the health write: SQLite error {Code} ({ExtendedCode}): {Message}", ex.SqliteErrorCode, ex.SqliteExtendedErrorCode, ex.Message);
            var status = StorageErrors.IsBusy(ex) ? HealthStatus.Degraded : HealthStatus.Unhealthy;
            return new HealthCheckResult(status, $"the database cannot be written: {ex.Message}", ex);
        }
        return HealthCheckResult.Healthy($"{definitions} definition versions; a write was committed");
    }
}
