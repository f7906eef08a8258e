using Microsoft.EntityFrameworkCore;
using Hangfire;
using Workflow.Federation.JointMeetings;
using Workflow.Federation.Registry;
using Workflow.Federation.Storage;
using Workflow.Persistence.Definitions;
using Workflow.Persistence.Runtime;
using Workflow.Persistence.Storage;
using Workflow.Server.Accounts;
using Workflow.Server.Storage;

namespace Workflow.Server.Hosting;

/// <summary>
/// Before the first request: create and migrate the database, publish <c>workflows/</c>, check that every stored workflow
/// version still loads, read the generated keys, create the first admin, and re-schedule every pending timer (the in-memory job store starts empty).
/// </summary>
internal sealed class StartupTasks(IServiceProvider services, ServerOptions server, IConfiguration configuration, ILogger<StartupTasks> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (server.Provider == StorageProvider.Sqlite) DataFolderCheck.EnsureWritable(server);
        await services.GetRequiredService<DatabaseSetup>().MigrateAsync(cancellationToken);
        await using (var db = await services.GetRequiredService<IDbContextFactory<ServiceDbContext>>().CreateDbContextAsync(cancellationToken))
            await db.MigrateWithWalAsync(cancellationToken);
        await services.GetRequiredService<FederationDatabaseSetup>().MigrateAsync(cancellationToken);
        // Generated keys are read (on PostgreSQL, created) once the database has their tables, before anything signs or seals.
        services.GetRequiredService<Workflow.Engine.Journal.JournalKey>();
        services.GetService<SigningKey>();

        if (Directory.Exists(server.WorkflowsFolder))
        {
            var published = await services.GetRequiredService<DefinitionStore>().PublishDirectoryAsync(server.WorkflowsFolder, "startup", cancellationToken);
            foreach (var d in published.Where(d => d.IsNew)) logger.LogInformation("Published workflow {DefinitionId} v{Version}", d.DefinitionId, d.Version);
        }
        await services.GetRequiredService<Engine.StoredVersionsCheck>().RunAsync(cancellationToken);

        var rootCode = configuration["Regions:RootCode"] ?? "350583";
        var rootName = configuration["Regions:RootName"] ?? "南安市";
        var regions = services.GetRequiredService<Regions.RegionService>();
        if ((await regions.ListAsync(new Caller(Guid.Empty, "startup", [Roles.Admin], null, ""), rootCode, cancellationToken)).Count == 0)
            await regions.CreateAsync(new Regions.NewRegion(rootCode, rootName, NewRoot: true), cancellationToken);

        var password = await services.GetRequiredService<UserDirectory>().EnsureFirstAdminAsync(configuration["Admin:InitialPassword"], rootCode, cancellationToken);
        if (password is { Length: > 0 })
        {
            // Shown once, never logged to files: the admin must replace it at first sign-in.
            Console.WriteLine();
            Console.WriteLine("  First start: created user 'admin' with one-time password " + password);
            Console.WriteLine("  首次启动：已创建管理员 admin，一次性密码见上，首次登录后须修改。");
            Console.WriteLine();
        }

        if (configuration.GetValue("DemoData:Enabled", true))
            await services.GetRequiredService<DemoData>().SeedAsync(rootCode, cancellationToken);

        var registered = await services.GetRequiredService<AfterRegistration>().PlanAsync(cancellationToken);
        logger.LogInformation("Started {SetUps} set-up tasks; planned {Reminders} re-election reminders and {Requests} re-election requests",
            registered.SetUps, registered.Reminders, registered.Requests);
        var meetings = await services.GetRequiredService<JointMeetingGroups>().PlanAheadAsync(cancellationToken);
        logger.LogInformation("Proposed {Count} joint meetings", meetings);
        // Bodies registered and quarters reached later are picked up within the hour; planning is idempotent by key.
        var recurring = services.GetRequiredService<IRecurringJobManager>();
        recurring.AddOrUpdate<AfterRegistration>("after-registration", s => s.PlanAsync(CancellationToken.None), Cron.Hourly(), new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        recurring.AddOrUpdate<JointMeetingGroups>("joint-meetings-ahead", s => s.PlanAheadAsync(CancellationToken.None), Cron.Hourly(), new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });

        services.GetRequiredService<IRecurringJobManager>()
            .AddOrUpdate<Jobs.TimerSweep>("engine-timer-sweep", s => s.RunAsync(CancellationToken.None), Cron.Minutely(), new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        var digestAt = services.GetRequiredService<Reminders.DigestOptions>().At;
        recurring.AddOrUpdate<Reminders.DailyDigest>("daily-digest", d => d.RunDueAsync(CancellationToken.None), Cron.Daily(digestAt.Hour, digestAt.Minute),
            new RecurringJobOptions { TimeZone = Workflow.Federation.Common.ChinaInstant.Zone });
        // In-memory job storage forgets a run missed while the service was down: today's digest, once its time has passed, runs
        // now too (the outbox key makes a second run send nothing).
        services.GetRequiredService<IBackgroundJobClient>().Enqueue<Reminders.DailyDigest>(d => d.RunDueAsync(CancellationToken.None));

        var recovered = await services.GetRequiredService<WorkflowRuntime>().RecoverAsync(cancellationToken);
        logger.LogInformation("Re-scheduled {Timers} timers and re-sent {Notifications} notifications", recovered.TimersRescheduled, recovered.NotificationsResent);
        var imports = await services.GetRequiredService<Workflow.Server.Ledger.ImportJobs>().RecoverAsync(cancellationToken);
        if (imports > 0) logger.LogInformation("Queued {Imports} ledger import jobs again", imports);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
