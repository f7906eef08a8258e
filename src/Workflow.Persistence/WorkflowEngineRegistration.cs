using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Workflow.Engine;
using Workflow.Engine.Definitions;
using Workflow.Engine.Execution;
using Workflow.Engine.Expressions;
using Workflow.Engine.Journal;
using Workflow.Persistence.Definitions;
using Workflow.Persistence.Instances;
using Workflow.Persistence.Runtime;
using Workflow.Persistence.Storage;
using Workflow.Persistence.Stores;
using Workflow.Persistence.Stores.PostgreSql;
using Workflow.Persistence.Stores.Sqlite;

namespace Workflow.Persistence;

public static class WorkflowEngineRegistration
{
    /// <summary>
    /// The engine on a SQLite file. Register an <see cref="IWorkflowScheduler"/> and an <see cref="INotificationPort"/>
    /// (or keep the defaults: timers not scheduled, notifications dropped) and any <see cref="IActionHandler"/>s.
    /// <paramref name="vocabulary"/> names the roles and approver kinds definitions may assign to; without it any name is accepted.
    /// </summary>
    public static IServiceCollection AddWorkflowEngine(this IServiceCollection services, string sqliteFile, ExpressionLimits? limits = null, AssignmentVocabulary? vocabulary = null) =>
        services.AddWorkflowEngine(WorkflowStorage.Sqlite(sqliteFile), limits, vocabulary);

    /// <summary>The engine on <paramref name="storage"/>: SQLite or PostgreSQL, each with its own transition store and migrations.</summary>
    public static IServiceCollection AddWorkflowEngine(this IServiceCollection services, WorkflowStorage storage, ExpressionLimits? limits = null, AssignmentVocabulary? vocabulary = null)
    {
        services.TryAddSingleton(storage);
        services.AddPooledDbContextFactory<WorkflowDbContext>(o => storage.Configure(o));
        if (storage.Provider == StorageProvider.Sqlite)
        {
            // The writer keeps its own connection open: the prepared statements of the transition path live with it.
            var writer = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(storage.ConnectionString) { Pooling = false }.ToString();
            services.TryAddSingleton<TransitionStore>(sp => new SqliteTransitionStore(writer, sp.GetRequiredService<WriteGate>(), sp.GetService<WriterConnectionHook>()));
        }
        else
        {
            services.TryAddSingleton<TransitionStore>(_ => new PostgreSqlTransitionStore(storage.ConnectionString));
        }
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(JournalKey.None);
        services.TryAddSingleton(limits ?? new ExpressionLimits());
        services.TryAddSingleton<ExpressionEvaluator>();
        services.TryAddSingleton(vocabulary ?? AssignmentVocabulary.Open);
        services.TryAddSingleton<ActionRegistry>();
        services.TryAddSingleton<DefinitionLoader>();
        services.TryAddSingleton<WorkflowExecutor>();
        services.TryAddSingleton<WriteGate>();
        services.TryAddSingleton<DefinitionStore>();
        services.TryAddSingleton<WorkflowRuntime>();
        services.TryAddSingleton<InstanceQueries>();
        services.TryAddSingleton<DatabaseSetup>();
        services.TryAddSingleton<StorageProbe>();
        services.TryAddSingleton<IWorkflowScheduler, UnscheduledTimers>();
        services.TryAddSingleton<INotificationPort, DroppedNotifications>();
        return services;
    }

    private sealed class UnscheduledTimers : IWorkflowScheduler
    {
        public void Schedule(ScheduledTimer timer)
        {
        }

        public void Cancel(string key)
        {
        }
    }

    private sealed class DroppedNotifications : INotificationPort
    {
        public Task SendAsync(NotificationMessage message, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
