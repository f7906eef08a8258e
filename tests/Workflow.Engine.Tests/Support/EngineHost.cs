using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Engine.Execution;
using Workflow.Engine.Journal;
using Workflow.Persistence;
using Workflow.Persistence.Definitions;
using Workflow.Persistence.Instances;
using Workflow.Persistence.Runtime;
using Workflow.Persistence.Storage;
using Workflow.Persistence.Stores;
using Workflow.Persistence.Stores.Sqlite;
using Workflow.Tests.Databases;

namespace Workflow.Engine.Tests.Support;

/// <summary>
/// The engine on a fresh database, with a fake scheduler and a manual clock: a SQLite file in a temp folder, or a new database on
/// the test run's PostgreSQL cluster (<see cref="PostgresCluster"/>).
/// </summary>
public sealed class EngineHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private readonly bool _ownsFolder;

    private EngineHost(string folder, WorkflowStorage storage, ServiceProvider services, bool ownsFolder)
    {
        Folder = folder;
        Storage = storage;
        _services = services;
        _ownsFolder = ownsFolder;
    }

    public string Folder { get; }
    public WorkflowStorage Storage { get; }
    public string DatabaseFile => Path.Combine(Folder, "workflow.db");
    public ManualClock Clock => _services.GetRequiredService<ManualClock>();
    public FakeScheduler Scheduler => _services.GetRequiredService<FakeScheduler>();
    public RecordingNotifications Notifications => _services.GetRequiredService<RecordingNotifications>();
    public SwitchableAction Action => _services.GetRequiredService<SwitchableAction>();
    public UnitOfWorkAction WritingAction => _services.GetRequiredService<UnitOfWorkAction>();
    public RecordingFinished Finished => _services.GetRequiredService<RecordingFinished>();
    public HoldingAction Holding => _services.GetRequiredService<HoldingAction>();
    public ClosedDays Calendar => _services.GetRequiredService<ClosedDays>();
    public WriterTransactions WriterTransactions => _services.GetRequiredService<WriterTransactions>();
    public WorkflowRuntime Runtime => _services.GetRequiredService<WorkflowRuntime>();
    public DefinitionStore Definitions => _services.GetRequiredService<DefinitionStore>();
    public InstanceQueries Instances => _services.GetRequiredService<InstanceQueries>();

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    /// <summary>A second engine on the same file, with its own connections and write queue, as another process or node would be.</summary>
    public Task<EngineHost> SecondNodeAsync(JournalKey? journalKey = null) => StartAsync(Folder, Storage, ownsFolder: false, journalKey);

    /// <summary>A fresh engine on SQLite; with <paramref name="journalKey"/> it seals its journal rows.</summary>
    public static Task<EngineHost> StartAsync(JournalKey? journalKey = null) => StartAsync(StorageProvider.Sqlite, journalKey);

    /// <summary>A fresh engine on a new database of <paramref name="provider"/>.</summary>
    public static async Task<EngineHost> StartAsync(StorageProvider provider, JournalKey? journalKey = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "wf-tests", Guid.NewGuid().ToString("N"));
        var storage = provider == StorageProvider.PostgreSql
            ? WorkflowStorage.PostgreSql(await PostgresCluster.Shared.CreateDatabaseAsync("engine"))
            : WorkflowStorage.Sqlite(Path.Combine(folder, "workflow.db"));
        return await StartAsync(folder, storage, ownsFolder: true, journalKey);
    }

    private static async Task<EngineHost> StartAsync(string folder, WorkflowStorage storage, bool ownsFolder, JournalKey? journalKey)
    {
        Directory.CreateDirectory(folder);
        var services = new ServiceCollection()
            .AddSingleton(new ManualClock(new DateTimeOffset(2026, 11, 23, 1, 0, 0, TimeSpan.Zero)))
            .AddSingleton<TimeProvider>(sp => sp.GetRequiredService<ManualClock>())
            .AddSingleton<FakeScheduler>()
            .AddSingleton<IWorkflowScheduler>(sp => sp.GetRequiredService<FakeScheduler>())
            .AddSingleton<RecordingNotifications>()
            .AddSingleton<INotificationPort>(sp => sp.GetRequiredService<RecordingNotifications>())
            .AddSingleton<SwitchableAction>()
            .AddSingleton<IActionHandler>(sp => sp.GetRequiredService<SwitchableAction>())
            .AddSingleton<UnitOfWorkAction>()
            .AddSingleton<IActionHandler>(sp => sp.GetRequiredService<UnitOfWorkAction>())
            .AddSingleton<HoldingAction>()
            .AddSingleton<IActionHandler>(sp => sp.GetRequiredService<HoldingAction>())
            .AddSingleton<IActionHandler, FaultingForAction>()
            .AddSingleton<IActionHandler, DroppingTransactionAction>()
            .AddSingleton<WriterTransactions>()
            .AddSingleton(sp => new WriterConnectionHook(_ => sp.GetRequiredService<WriterTransactions>().Add()))
            .AddSingleton<ClosedDays>()
            .AddSingleton<IDueDateCalendar>(sp => sp.GetRequiredService<ClosedDays>())
            .AddSingleton<RecordingFinished>()
            .AddSingleton<IInstanceFinishedObserver>(sp => sp.GetRequiredService<RecordingFinished>())
            .AddLogging()
            .AddSingleton(journalKey ?? JournalKey.None)
            .AddWorkflowEngine(storage)
            .BuildServiceProvider();
        var host = new EngineHost(folder, storage, services, ownsFolder);
        await services.GetRequiredService<Persistence.Storage.DatabaseSetup>().MigrateAsync();
        return host;
    }

    public Task<PublishedDefinition> PublishAsync(string json) => Definitions.PublishAsync(json, "test", "tester");

    public Task<PublishedDefinition> PublishSampleAsync(string file) =>
        Definitions.PublishAsync(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "workflows", file)), file, "tester");

    public Task<TransitionResult> StartAsync(string definitionId, JsonObject? input = null, string actor = "officer-1") =>
        Runtime.StartAsync(definitionId, input ?? [], correlationId: null, actor);

    public Task<TransitionResult> DecideAsync(Guid bookmarkId, string outcome, JsonObject? form = null, string actor = "approver-1") =>
        Runtime.ResumeAsync(new ResumeRequest(bookmarkId, actor, outcome, form));

    /// <summary>
    /// Waits until <paramref name="count"/> transitions queue for the SQLite writer, to line up a batch behind a held transition. On
    /// PostgreSQL nothing queues: each transition has a connection of its own, and this returns at once.
    /// </summary>
    public async Task QueuedAsync(int count)
    {
        if (Get<TransitionStore>() is not SqliteTransitionStore sqlite) return;
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (sqlite.Queue.Waiting < count) await Task.Delay(1, deadline.Token);
    }

    /// <summary>Fires every scheduled timer that is due at the clock's current time, as the host's job server would.</summary>
    public async Task FireDueTimersAsync()
    {
        foreach (var timer in Scheduler.Due(Clock.GetUtcNow()))
        {
            Scheduler.Forget(timer.Key);
            await Runtime.FireTimerAsync(timer.Key);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (!_ownsFolder) return;
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
