using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Federation.Classification;
using Workflow.Federation.Coverage;
using Workflow.Federation.Export;
using Workflow.Federation.Import;
using Workflow.Federation.Ledger;
using Workflow.Federation.Rosters;
using Workflow.Federation.Storage;

namespace Workflow.Federation.Tests.Support;

/// <summary>The federation services on a fresh SQLite file in a temp folder, with a clock the test sets.</summary>
public sealed class FederationHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private FederationHost(string folder, ServiceProvider services)
    {
        Folder = folder;
        _services = services;
    }

    public static readonly DateTimeOffset Start = new(2026, 11, 23, 1, 0, 0, TimeSpan.Zero);

    public string Folder { get; }
    public string DatabaseFile => Path.Combine(Folder, "workflow.db");
    public SettableClock Clock => _services.GetRequiredService<SettableClock>();
    public LedgerService Ledger => Get<LedgerService>();
    public LedgerImporter Importer => Get<LedgerImporter>();
    public LedgerExporter Exporter => Get<LedgerExporter>();
    public RosterService Rosters => Get<RosterService>();
    public ClassificationService Classification => Get<ClassificationService>();
    public CoverageService Coverage => Get<CoverageService>();

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    public Task<FederationDbContext> DbAsync() => Get<IDbContextFactory<FederationDbContext>>().CreateDbContextAsync();

    /// <summary>With <paramref name="ports"/>, the host's side of the ports (<see cref="IPeople"/>, <see cref="IReminderPlanning"/>) as the test fakes it.</summary>
    public static async Task<FederationHost> StartAsync(ClassificationOptions? classification = null, ImportOptions? import = null, FakePorts? ports = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "fed-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var services = new ServiceCollection()
            .AddSingleton(new SettableClock(Start))
            .AddSingleton<TimeProvider>(sp => sp.GetRequiredService<SettableClock>())
            .AddSingleton(classification ?? new ClassificationOptions())
            .AddSingleton(import ?? new ImportOptions())
            .AddFederation(Path.Combine(folder, "workflow.db"))
            .AddSingleton<IPeople>(ports ?? new FakePorts())
            .AddSingleton<IReminderPlanning>(sp => (FakePorts)sp.GetRequiredService<IPeople>())
            .AddSingleton<IAccountCreation>(sp => (FakePorts)sp.GetRequiredService<IPeople>())
            .AddSingleton<IDirectMessages>(sp => (FakePorts)sp.GetRequiredService<IPeople>())
            .BuildServiceProvider();
        await services.GetRequiredService<FederationDatabaseSetup>().MigrateAsync();
        return new FederationHost(folder, services);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>UTC now as the test says.</summary>
public sealed class SettableClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
