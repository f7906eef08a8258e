using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Workflow.Federation.Activities;
using Workflow.Federation.Classification;
using Workflow.Engine;
using Workflow.Federation.Coverage;
using Workflow.Federation.DutyGroups;
using Workflow.Federation.Elections;
using Workflow.Federation.Export;
using Workflow.Federation.FollowUps;
using Workflow.Federation.Founding;
using Workflow.Federation.Import;
using Workflow.Federation.JointMeetings;
using Workflow.Federation.Ledger;
using Workflow.Federation.Registry;
using Workflow.Federation.Rosters;
using Workflow.Federation.Rotations;
using Workflow.Federation.Storage;
using Workflow.Persistence.Storage;

namespace Workflow.Federation;

public static class FederationRegistration
{
    /// <summary>
    /// The federation domain on a SQLite file, normally the engine's (<c>AddWorkflowEngine</c>): same pragmas, same
    /// writer queue, its own migration history. Thresholds and import limits come from the configuration sections
    /// <c>Federation:Classification</c> and <c>Federation:Import</c>, with defaults when absent. Call
    /// <see cref="FederationDatabaseSetup.MigrateAsync"/> at start-up. The schedules of founded bodies (rotations, duty groups,
    /// joint meetings, re-election) need the host's <see cref="IPeople"/> and <see cref="IReminderPlanning"/>, and the engine's runtime.
    /// </summary>
    public static IServiceCollection AddFederation(this IServiceCollection services, string sqliteFile, IConfiguration? configuration = null) =>
        services.AddFederation(WorkflowStorage.Sqlite(sqliteFile), configuration);

    /// <summary>The federation domain on <paramref name="storage"/>, the engine's database: SQLite or PostgreSQL, each with its own migrations.</summary>
    public static IServiceCollection AddFederation(this IServiceCollection services, WorkflowStorage storage, IConfiguration? configuration = null)
    {
        services.AddPooledDbContextFactory<FederationDbContext>(o => storage.Configure(o, FederationDbContext.MigrationsHistoryTable));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<WriteGate>();
        services.TryAddSingleton(ClassificationOptions.From(configuration));
        services.TryAddSingleton(ImportOptions.From(configuration));
        services.TryAddSingleton<FederationDatabaseSetup>();
        services.TryAddSingleton<FederationWriter>();
        services.TryAddSingleton<ClassificationRules>();
        services.TryAddSingleton<Classifier>();
        services.TryAddSingleton<ClassificationService>();
        services.TryAddSingleton<LedgerService>();
        services.TryAddSingleton<LedgerImporter>();
        services.TryAddSingleton<LedgerExporter>();
        services.TryAddSingleton<LedgerBrowse>();
        services.TryAddSingleton<RosterService>();
        services.TryAddSingleton<CoverageService>();
        services.TryAddSingleton(ElectionRules.Default);
        services.TryAddSingleton<FoundingService>();
        services.TryAddSingleton<RegistryService>();
        services.TryAddSingleton<BodyAccess>();
        services.TryAddSingleton<BodyLeaders>();
        services.TryAddSingleton<WorkflowDecisions>();
        services.TryAddSingleton<FoundingHistory>();
        services.TryAddSingleton<BodyHistory>();
        services.TryAddSingleton<FollowUpService>();
        services.TryAddSingleton<Subjects.InstanceSubjects>();
        services.TryAddSingleton<AfterRegistration>();
        services.TryAddSingleton<Invitations.LeaderInvitations>();
        services.TryAddSingleton<BodySetUp>();
        services.TryAddSingleton<RotationSchedule>();
        services.TryAddSingleton<DutyGroupSchedule>();
        services.TryAddSingleton<JointMeetingGroups>();
        services.TryAddSingleton<MeetingRecords>();
        services.TryAddSingleton<BodyActivities>();
        services.TryAddSingleton<Holidays.HolidayCalendar>();
        services.TryAddSingleton<Holidays.HolidayChanges>();
        services.TryAddSingleton<Workflow.Engine.IDueDateCalendar, Holidays.WorkingDueDates>();
        services.AddSingleton<IActionHandler, CheckCandidatesAction>();
        services.AddSingleton<IActionHandler, EvaluateElectionAction>();
        services.AddSingleton<IActionHandler, RegisterAction>();
        services.AddSingleton<IActionHandler, ReElection.OpenReElectionAction>();
        services.AddSingleton<IActionHandler, ReElection.InstallLeadershipAction>();
        services.AddSingleton<IInstanceFinishedObserver, RegistrationObserver>();
        services.AddSingleton<IInstanceFinishedObserver, ReElection.ReElectionObserver>();
        return services;
    }
}
