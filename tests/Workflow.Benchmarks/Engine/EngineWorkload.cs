using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Benchmarks.Measurement;
using Workflow.Engine.Execution;
using Workflow.Persistence;
using Workflow.Persistence.Definitions;
using Workflow.Persistence.Runtime;
using Workflow.Persistence.Storage;

namespace Workflow.Benchmarks.Engine;

/// <summary>Approval cycles through the engine: start (runs to a user task) and approve (runs to the end), two transitions.</summary>
internal sealed class EngineWorkload(ServiceProvider services) : IAsyncDisposable
{
    private const string Definition = """
        { "id": "bench-approval", "activities": [
          { "id": "start", "type": "start", "next": "review" },
          { "id": "review", "type": "userTask", "title": "审批组建申请",
            "assignee": { "role": "approver", "approverKind": "superiorFederation", "region": "input.regionCode" },
            "outcomes": ["approve", "return"], "form": [{ "name": "opinion", "type": "text" }],
            "next": { "approve": "approved", "return": "approved" } },
          { "id": "approved", "type": "end", "outcome": "approved" } ] }
        """;

    private readonly WorkflowRuntime _runtime = services.GetRequiredService<WorkflowRuntime>();

    public static async Task<EngineWorkload> CreateAsync(string databaseFile) => await CreateAsync(WorkflowStorage.Sqlite(databaseFile));

    public static async Task<EngineWorkload> CreateAsync(WorkflowStorage storage)
    {
        var services = Services(storage);
        await services.GetRequiredService<DatabaseSetup>().MigrateAsync();
        await services.GetRequiredService<DefinitionStore>().PublishAsync(Definition, "benchmark", "benchmark");
        return new EngineWorkload(services);
    }

    /// <summary>The engine's schema, WAL mode included, in a new file.</summary>
    public static Task CreateSchemaAsync(string databaseFile) => CreateSchemaAsync(WorkflowStorage.Sqlite(databaseFile));

    /// <summary>The engine's schema in the storage's database: on SQLite a new file in WAL mode, on PostgreSQL an empty database.</summary>
    public static async Task CreateSchemaAsync(WorkflowStorage storage)
    {
        await using var services = Services(storage);
        await services.GetRequiredService<DatabaseSetup>().MigrateAsync();
        SqliteConnection.ClearAllPools();
    }

    private static ServiceProvider Services(WorkflowStorage storage) =>
        new ServiceCollection().AddLogging().AddWorkflowEngine(storage).BuildServiceProvider();

    /// <summary>One approval cycle; the resume's duration goes to <paramref name="resumes"/>. Returns the two transitions it made.</summary>
    public async Task<int> CycleAsync(int n, Latencies resumes)
    {
        var started = await _runtime.StartAsync("bench-approval", new JsonObject { ["regionCode"] = "370102", ["n"] = n }, null, "officer-1");
        var decision = new ResumeRequest(started.NewBookmarks[0].Id, "approver-1", "approve", new JsonObject { ["opinion"] = "同意" });
        var begin = Stopwatch.GetTimestamp();
        var finished = await _runtime.ResumeAsync(decision);
        resumes.Add(begin);
        if (finished.Status != InstanceStatus.Finished) throw new InvalidOperationException($"cycle {n} ended {finished.Status}");
        return 2;
    }

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        SqliteConnection.ClearAllPools();
    }
}
