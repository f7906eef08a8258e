using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Workflow.Federation;
using Workflow.Federation.Elections;
using Workflow.Persistence;
using Workflow.Persistence.Storage;
using Workflow.Server.Accounts;
using Workflow.Server.ApiDocs;
using Workflow.Server.Bodies;
using Workflow.Server.Diagrams;
using Workflow.Server.Engine;
using Workflow.Server.Foundings;
using Workflow.Server.Idempotency;
using Workflow.Server.Jobs;
using Workflow.Server.Ledger;
using Workflow.Server.Holidays;
using Workflow.Server.Meetings;
using Workflow.Server.Pages.Site;
using Workflow.Server.Problems;
using Workflow.Server.Regions;
using Workflow.Server.Reminders;
using Workflow.Server.Storage;
using Workflow.Server.Tasks;

namespace Workflow.Server.Hosting;

public static class ServiceRegistration
{
    public const long DefaultBodyLimit = 1024 * 1024;

    public static WebApplicationBuilder AddWorkflowService(this WebApplicationBuilder builder)
    {
        var server = ServerOptions.From(builder.Configuration);
        var services = builder.Services;
        services.AddSingleton(server);
        builder.Logging.AddSimpleConsole(o =>
        {
            o.IncludeScopes = true;
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        });

        var storage = server.Storage;
        services.AddPooledDbContextFactory<ServiceDbContext>(o => storage.Configure(o, ServiceDbContext.MigrationsTable));
        services.AddSharedSecrets(builder.Configuration, server);
        services.AddWorkflowEngine(storage, vocabulary: server.ReadAssignmentVocabulary());
        services.AddSingleton(ElectionRules.FromOptions(builder.Configuration.GetSection(ElectionOptions.SectionName).Get<ElectionOptions>() ?? new ElectionOptions()));
        services.AddFederation(storage, builder.Configuration);
        services.AddSingleton<IPeople, AccountPeople>();
        services.AddSingleton<IAccountCreation, InvitedAccounts>();
        services.AddJwtAuth(builder.Configuration, server);
        services.AddSingleton<RegionService>();
        services.AddSingleton<ImportInput>();
        services.AddSingleton<Workflow.Server.Ledger.UploadStore>();
        services.AddSingleton<Workflow.Server.Ledger.ImportJobs>();
        services.AddTransient<Workflow.Server.Ledger.ImportJob>();
        services.AddSingleton<Pages.Coverage.CoverageTable>();
        services.AddSingleton<TaskSubjects>();
        services.AddSingleton<TaskInbox>();
        services.AddSingleton<TransitionClaims>();
        services.AddSingleton<TaskActions>();
        services.AddSingleton<InstanceService>();
        services.AddSingleton<DefinitionCatalog>();
        services.AddDiagrams(builder.Configuration);
        services.AddSingleton<StoredVersionsCheck>();
        services.AddSingleton<IdempotencyStore>();
        services.AddSingleton<DemoData>();
        services.AddHostedService<StartupTasks>();
        services.AddHolidayRefresh(builder.Configuration);
        services.AddJobs(builder.Configuration, storage);
        services.AddReminders(builder.Configuration);
        services.AddHealthChecks().AddCheck<DatabaseHealth>("database");

        services.AddProblemDetails(o => o.CustomizeProblemDetails = ProblemDefaults.Customize);
        // One check of every request body before any handler runs: required members, null list items, ranges.
        services.AddValidation();
        services.AddExceptionHandler<ProblemMapping>();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.Configure<JsonOptions>(o => Configure(o.SerializerOptions));
        services.AddApiDocs();
        services.AddWorkflowPages();
        return builder;
    }

    public static WebApplication MapWorkflowService(this WebApplication app)
    {
        app.UseExceptionHandler(ProblemMapping.Options);
        app.UseStatusCodePages();
        app.UsePageStatusPages();
        app.Use(async (context, next) =>
        {
            context.Response.Headers["X-Request-Id"] = context.TraceIdentifier;
            await next(context);
        });
        app.UseWorkflowPages();
        app.UseRouting();
        app.UseEnumArguments();
        app.UseBodyLimit(app.Configuration.GetValue("Limits:MaxRequestBytes", DefaultBodyLimit));
        app.UseAuthentication();
        app.UseAuthorization();
        app.UsePasswordChangeGate();

        app.MapAuthApi();
        app.MapUsersApi();
        app.MapRegionsApi();
        app.MapTasksApi();
        app.MapInstancesApi();
        app.MapDiagramsApi();
        app.MapDefinitionsApi();
        app.MapLedgerApi();
        app.MapRostersApi();
        app.MapFoundingsApi();
        app.MapRemindersApi();
        app.MapBodySchedulesApi();
        app.MapBodyActivitiesApi();
        app.MapMeetingsApi();
        app.MapHolidaysApi();
        app.MapJobsDashboard();
        app.MapApiDocs();
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = HealthReportWriter.WriteAsync }).AllowAnonymous();
        app.MapRazorPages();
        return app;
    }

    /// <summary>Unknown fields are refused so a typo never silently drops a value; enums are written as their names.</summary>
    internal static void Configure(JsonSerializerOptions options)
    {
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
    }
}
