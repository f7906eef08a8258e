using Hangfire;
using Hangfire.Dashboard;
using Hangfire.InMemory;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Workflow.Engine;
using Workflow.Server.Accounts;

namespace Workflow.Server.Jobs;

public static class JobsRegistration
{
    /// <summary>Hangfire on in-memory storage: the database holds the timers, and start-up re-schedules them, so nothing is lost with the memory.</summary>
    public static IServiceCollection AddJobs(this IServiceCollection services, IConfiguration configuration)
    {
        // Hangfire's defaults are process-wide (JobStorage.Current, JobActivator.Current): with two hosts in one process
        // (tests, the benchmarks, two nodes) a host could take the other's storage or build its jobs from the other's
        // services. Each host registers its own first, and Hangfire's TryAdd keeps them.
        services.AddSingleton<JobStorage>(_ => new InMemoryStorage(new InMemoryStorageOptions { IdType = InMemoryStorageIdType.Guid }));
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

    public static IEndpointConventionBuilder MapJobsDashboard(this IEndpointRouteBuilder app) =>
        app.MapHangfireDashboard("/jobs", new DashboardOptions
        {
            // Endpoint authorization below decides; Hangfire's own default would only let local requests in.
            Authorization = [new AllowAuthorized()],
            DashboardTitle = "Workflow jobs",
            AppPath = "/",
        }).RequireAuthorization(Policies.Admin);

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
