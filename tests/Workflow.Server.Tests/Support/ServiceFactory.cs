using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Workflow.Server.Accounts;

namespace Workflow.Server.Tests.Support;

/// <summary>
/// The real service on a real SQLite file in a fresh folder, with an admin and a small region tree, on a clock the test owns:
/// the service's "now" is <see cref="Clock"/>, which moves only when the test moves it, whatever day the machine thinks it is.
/// </summary>
public sealed class ServiceFactory : WebApplicationFactory<Program>
{
    /// <summary>Where every service's clock starts unless the test sets another: a Friday at 10:00 in China.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 20, 2, 0, 0, TimeSpan.Zero);

    public const string AdminPassword = "Admin-Pass-2026";
    public const string Password = "Pass-word-2026";

    /// <summary>A start on the data folder of an earlier one: a restart.</summary>
    public static ServiceFactory On(string dataFolder, FakeTimeProvider? clock = null) => new() { DataFolder = dataFolder, Clock = clock ?? new FakeTimeProvider(Start) };

    /// <summary>The PostgreSQL database the service runs on, Hangfire's jobs included; null for the SQLite file in the data folder.</summary>
    public string? PostgreSql { get; init; }

    /// <summary>A start on the data folder and database of this one, once it has stopped: a restart, on its clock unless another is given.</summary>
    public ServiceFactory Restart(FakeTimeProvider? clock = null) => new() { DataFolder = DataFolder, Clock = clock ?? Clock, PostgreSql = PostgreSql };

    /// <summary>The service's clock. A restart on the same data folder may share it, so time goes on across the restart.</summary>
    public FakeTimeProvider Clock { get; init; } = new(Start);

    /// <summary>Leave the data folder behind at dispose, for a restart on it.</summary>
    public bool KeepDataFolder { get; set; }

    public string DataFolder { get; private init; } = Path.Combine(Path.GetTempPath(), "wf-server-tests", Guid.NewGuid().ToString("N"));

    /// <summary>Extra configuration a test class needs (e.g. no initial password).</summary>
    public Dictionary<string, string?> Settings { get; } = new();

    /// <summary>Services a test class adds to the host (e.g. <see cref="RefusingDisk"/>).</summary>
    public List<Action<IServiceCollection>> TestServices { get; } = [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("data", DataFolder);
        builder.UseSetting("Admin:InitialPassword", AdminPassword);
        builder.UseSetting("Regions:RootCode", TestRegions.District);
        builder.UseSetting("Regions:RootName", "南安市");
        builder.UseSetting("DemoData:Enabled", "false");
        builder.UseSetting("Diagrams:WarmUp", "false");
        if (PostgreSql is not null)
        {
            builder.UseSetting("Storage:Provider", "PostgreSql");
            builder.UseSetting("ConnectionStrings:Workflow", PostgreSql);
        }
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
        foreach (var configure in TestServices) builder.ConfigureServices(configure);
        builder.ConfigureTestServices(services => services.RemoveAll<TimeProvider>().AddSingleton<TimeProvider>(Clock));
    }

    public async Task<HttpClient> SignInAsync(string userName, string password = Password)
    {
        var response = await CreateClient().PostAsJsonAsync("/api/auth/token", new { userName, password });
        response.EnsureSuccessStatusCode();
        var tokens = (await response.Content.ReadFromJsonAsync<TokenPair>(Json.Options))!;
        return WithToken(tokens.AccessToken);
    }

    public HttpClient WithToken(string token)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public Task<HttpClient> AdminAsync() => SignInAsync("admin", AdminPassword);

    /// <summary>Creates a person through the admin API, the way an admin would.</summary>
    public async Task<Guid> CreateUserAsync(string userName, string role, string regionCode, string? approverKind = null)
    {
        await SeedRegionsAsync();
        var admin = await AdminAsync();
        var response = await admin.PostAsJsonAsync("/api/admin/users",
            new { userName, displayName = userName, roles = new[] { role }, approverKind, regionCode, password = Password });
        response.EnsureSuccessStatusCode();
        var created = await response.Content.ReadFromJsonAsync<UserWithPassword>(Json.Options);
        return created!.User.Id;
    }

    private readonly SemaphoreSlim _seeding = new(1, 1);
    private bool _seeded;

    public async Task SeedRegionsAsync()
    {
        await _seeding.WaitAsync();
        try
        {
            if (!_seeded) await CreateRegionsAsync();
            _seeded = true;
        }
        finally
        {
            _seeding.Release();
        }
    }

    private async Task CreateRegionsAsync()
    {
        var admin = await AdminAsync();
        foreach (var (code, name) in TestRegions.Tree)
        {
            var response = await admin.PostAsJsonAsync("/api/admin/regions", new { code, name });
            if (response.StatusCode != System.Net.HttpStatusCode.Conflict) response.EnsureSuccessStatusCode();
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) _seeding.Dispose();
        if (disposing && !KeepDataFolder && Directory.Exists(DataFolder))
        {
            try
            {
                Directory.Delete(DataFolder, recursive: true);
            }
            catch (IOException)
            {
                // SQLite may still hold the file for a moment; the temp folder is cleaned by the OS.
            }
        }
    }
}

/// <summary>南安市 and two of its towns (seed 004), each with a village.</summary>
public static class TestRegions
{
    public const string District = "350583";
    public const string Town = "350583104";
    public const string Village = "350583104201";
    public const string NeighbourTown = "350583105";
    public const string NeighbourVillage = "350583105201";

    public static readonly (string Code, string Name)[] Tree =
    [
        (Town, "官桥镇"), (Village, "官桥村"), (NeighbourTown, "水头镇"), (NeighbourVillage, "水头村"),
    ];
}
