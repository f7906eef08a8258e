using Hangfire;
using Hangfire.Dashboard;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Workflow.Persistence.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Workflow.Engine;
using Workflow.Server.Accounts;

namespace Workflow.Server.Jobs;

public static class JobsRegistration
{
    /// <summary>
    /// Hangfire on in-memory storage for the embedded default (the database holds the timers, and start-up re-schedules them, so nothing is
    /// lost with the memory); on PostgreSQL, Hangfire.PostgreSql in the same database, so every node sees every job and each runs once.
    /// </summary>
    public static IServiceCollection AddJobs(this IServiceCollection services, IConfiguration configuration, WorkflowStorage storage)
    {
        // Hangfire's defaults are process-wide (JobStorage.Current, JobActivator.Current): with two hosts in one process
        // (tests, the benchmarks, two nodes) a host could take the other's storage or build its jobs from the other's
        // services. Each host registers its own first, and Hangfire's TryAdd keeps them.
        services.AddSingleton(_ => new PooledConnections(Npgsql.NpgsqlDataSource.Create(storage.ConnectionString)));
        services.AddSingleton<JobStorage>(provider => storage.Provider == StorageProvider.PostgreSql
            ? new PostgreSqlStorage(provider.GetRequiredService<PooledConnections>(), PostgreSqlJobOptions(configuration))
            : new InMemoryStorage(new InMemoryStorageOptions { IdType = InMemoryStorageIdType.Guid }));
        services.AddSingleton<JobActivator>(provider => new Hangfire.AspNetCore.AspNetCoreJobActivator(provider.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire((provider, c) => c.UseSimpleAssemblyNameTypeSerializer().UseRecommendedSerializerSettings()
            .UseLogProvider(new HostLogProvider(provider.GetRequiredService<ILoggerFactory>())));
        services.AddHangfireServer(o =>
        {
            // Hangfire's default 15 s poll would make every timer up to 15 s late.
            o.SchedulePollingInterval = TimeSpan.FromSeconds(configuration.GetValue("Jobs:PollSeconds", 1.0));
            o.WorkerCount = configuration.GetValue("Jobs:Workers", Math.Max(4, Environment.ProcessorCount * 2));
        });
        services.AddSingleton<IWorkflowScheduler, HangfireScheduler>();
        services.AddTransient<TimerJob>();
        services.AddTransient<TimerSweep>();
        services.AddHealthChecks().AddCheck<JobServerHealth>("jobs");
        return services;
    }

    /// <summary>
    /// Hangfire.PostgreSql's timeouts, set on purpose (docs/operations.md, "Hangfire on PostgreSQL"): a fetched job becomes visible to
    /// other workers again after <c>InvisibilityTimeout</c>, so with a fixed timeout a job still running past it runs a second time
    /// (Hangfire.PostgreSql #130, #352). The sliding timeout renews the claim while the job runs, so the timeout only measures how long
    /// a dead node's job waits before another node takes it. The distributed lock guards the schedulers (delayed and recurring jobs),
    /// which hold it for a moment: a short lock timeout lets a node give up and retry instead of hanging its scheduler behind a lock
    /// that a killed node left in <c>hangfire.lock</c> until the lock expires.
    /// </summary>
    internal static PostgreSqlStorageOptions PostgreSqlJobOptions(IConfiguration configuration) => new()
    {
        SchemaName = "hangfire",
        PrepareSchemaIfNecessary = true,
        InvisibilityTimeout = TimeSpan.FromSeconds(configuration.GetValue("Jobs:InvisibilitySeconds", 300.0)),
        UseSlidingInvisibilityTimeout = true,
        DistributedLockTimeout = TimeSpan.FromSeconds(configuration.GetValue("Jobs:LockTimeoutSeconds", 30.0)),
        QueuePollInterval = TimeSpan.FromSeconds(configuration.GetValue("Jobs:PollSeconds", 1.0)),
    };

    public static IEndpointConventionBuilder MapJobsDashboard(this IEndpointRouteBuilder app) =>
        app.MapHangfireDashboard("/jobs", new DashboardOptions
        {
            // Endpoint authorization below decides; Hangfire's own default would only let local requests in.
            Authorization = [new AllowAuthorized()],
            DashboardTitle = "Workflow jobs",
            AppPath = "/",
        }).RequireAuthorization(Policies.Admin);

    /// <summary>
    /// Hangfire's connections from a data source of the service's database: pooled, one connection string, and owned by the container,
    /// so a host that stops closes them.
    /// </summary>
    private sealed class PooledConnections(Npgsql.NpgsqlDataSource dataSource) : IConnectionFactory, IDisposable
    {
        public Npgsql.NpgsqlConnection GetOrCreateConnection() => dataSource.CreateConnection();

        public void Dispose() => dataSource.Dispose();
    }

    private sealed class AllowAuthorized : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context) => context.GetHttpContext().User.IsInRole(Roles.Admin);
    }

    private sealed class JobServerHealth(JobStorage storage) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            var servers = storage.GetMonitoringApi().Servers();
            return Task.FromResult(servers.Count > 0
                ? HealthCheckResult.Healthy($"{servers.Count} job server(s)")
                : HealthCheckResult.Unhealthy("no job server is running"));
        }
    }
}
