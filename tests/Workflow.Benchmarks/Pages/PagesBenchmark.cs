using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Benchmarks.Http;
using Workflow.Benchmarks.Measurement;
using Workflow.Federation.Ledger;
using Workflow.Persistence.Runtime;
using Workflow.Server.Accounts;

namespace Workflow.Benchmarks.Pages;

/// <summary>
/// The pages people work in all day, served to 8 clients signed in through the sign-in page (cookie and antiforgery):
/// the inbox with 1,000 open tasks in the officers' scope (each row naming its request) and a founding request's page; then a
/// district office's ledger (100,000 organizations, filtered) and coverage page (<see cref="OfficePages"/>).
/// </summary>
internal sealed class PagesBenchmark : IBenchmark
{
    private const int Clients = 8;
    private const int OpenTasks = 1_000;
    private const string Town = "350583104";
    private const string Password = "Bench-pass-2026";
    private const string InboxPath = "/tasks?tab=available";

    // One officer step, so that every task of the seed lands in the officers' inbox, named by its request.
    private const string Definition = """
        {
          "id": "bench-officer-review", "name": "材料核对（基准）",
          "activities": [
            { "id": "start", "type": "start", "next": "check" },
            { "id": "check", "type": "userTask", "title": "核对组建材料",
              "assignee": { "role": "officer", "region": "input.regionCode" },
              "outcomes": ["done"], "due": "P15D", "next": { "done": "end" } },
            { "id": "end", "type": "end", "outcome": "done" }
          ]
        }
        """;

    public async Task<int> RunAsync(BenchmarkOptions options, TextWriter output)
    {
        var folder = Path.Combine(Path.GetTempPath(), "wf-bench-pages", Guid.NewGuid().ToString("N"));
        try
        {
            await using var app = await LoopbackService.StartAsync(folder);
            var address = app.Urls.First();
            await LoopbackService.SignInApproversAsync(app, 0);
            var officers = await CreateOfficersAsync(app, address);
            var request = await SeedAsync(app, address, officers[0]);
            var clients = new HttpClient[Clients];
            for (var i = 0; i < Clients; i++) clients[i] = await PageClient.SignInAsync(address, officers[i], Password);
            var requestPath = $"/foundings/{request}";
            output.WriteLine($"service on {address}, {Clients} clients signed in through the page, {OpenTasks} open tasks in their scope, {options.Phase.TotalSeconds:0} s per page");

            var inbox = await MeasureAsync(clients, InboxPath, options, output);
            var requestPage = await MeasureAsync(clients, requestPath, options, output);
            foreach (var client in clients) client.Dispose();

            // The district office's pages: the ledger at 100,000 organizations, filtered, and coverage over a three-level tree.
            var office = await OfficePages.SeedAsync(app, address, Clients, Password);
            output.WriteLine($"district officers: {OfficePages.Organizations} organizations in the ledger, 2,000 bodies, 421 regions");
            var ledgerPage = await MeasureAsync(office, OfficePages.LedgerPath, options, output);
            var coveragePage = await MeasureAsync(office, OfficePages.CoveragePath, options, output);
            foreach (var client in office) client.Dispose();
            output.WriteLine($"inbox_p95_ms={inbox:0.0} request_p95_ms={requestPage:0.0} ledger_p95_ms={ledgerPage:0.0} coverage_p95_ms={coveragePage:0.0}");
            return 0;
        }
        finally
        {
            LoopbackService.TryDelete(folder);
        }
    }

    private static async Task<string[]> CreateOfficersAsync(WebApplication app, string address)
    {
        var users = app.Services.GetRequiredService<UserDirectory>();
        var names = Enumerable.Range(0, Clients).Select(i => $"officer{i}").ToArray();
        for (var i = 0; i < Clients; i++)
            await users.CreateAsync(new NewUser(names[i], $"妇联干部{i}", [Roles.Officer], null, Town, Password: Password), CancellationToken.None);
        using var admin = await TokenClientAsync(address, "admin", "Bench-admin-2026");
        using var published = await admin.PostAsync("/api/definitions", new StringContent(Definition, Encoding.UTF8, "application/json"));
        published.EnsureSuccessStatusCode();
        return names;
    }

    /// <summary>1,000 open officer tasks, each for a request of its own name, and one founding request opened as an officer would.</summary>
    private static async Task<Guid> SeedAsync(WebApplication app, string address, string officer)
    {
        var runtime = app.Services.GetRequiredService<WorkflowRuntime>();
        await Parallel.ForAsync(0, OpenTasks, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, cancellationToken) =>
            await runtime.StartAsync("bench-officer-review", new JsonObject { ["regionCode"] = LoopbackService.Region, ["name"] = $"官桥某{i:D4}公司妇联" }, null, officer,
                cancellationToken: cancellationToken));

        using var api = await TokenClientAsync(address, officer, Password);
        var organization = await ReadAsync(await api.PostAsJsonAsync("/api/organizations", new
        {
            facts = new
            {
                name = "南安市某石材有限公司", creditCode = "91350583MA2Y0001X" + CreditCode.ComputeCheckCharacter("91350583MA2Y0001X"), sector = "newEconomic", kind = "enterprise", regionCode = LoopbackService.Region, industry = "石材加工",
                address = "南安市", staffCount = 320, womenCount = 110, partyOrganization = "own", partyOrganizationName = "南安市某石材有限公司党支部", operatingStatus = "operating",
            },
        }));
        var founding = await ReadAsync(await api.PostAsJsonAsync("/api/foundings", new
        {
            organizationIds = new[] { (string)organization["id"]! }, name = "南安市某石材有限公司妇联", kind = "enterprise", mode = "standalone", modeReason = "基准",
        }));
        return Guid.Parse((string)founding["id"]!);
    }

    private static async Task<double> MeasureAsync(HttpClient[] clients, string path, BenchmarkOptions options, TextWriter output)
    {
        await RunAsync(clients, path, options.WarmUp, null);
        var latencies = new Latencies();
        var wall = Stopwatch.StartNew();
        await RunAsync(clients, path, options.Phase, latencies);
        var perSecond = latencies.Count / wall.Elapsed.TotalSeconds;
        output.WriteLine($"GET {path}: {latencies.Count} pages, {perSecond:0}/s, p50 {latencies.PercentileMs(50):0.0} ms, p95 {latencies.PercentileMs(95):0.0} ms, p99 {latencies.PercentileMs(99):0.0} ms");
        return latencies.PercentileMs(95);
    }

    private static Task RunAsync(HttpClient[] clients, string path, TimeSpan duration, Latencies? latencies)
    {
        var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        return Task.WhenAll(clients.Select(client => Task.Run(async () =>
        {
            while (Stopwatch.GetTimestamp() < until)
            {
                var start = Stopwatch.GetTimestamp();
                using var response = await client.GetAsync(path);
                // The whole page is read, as a browser would, before the time is taken.
                var html = await response.Content.ReadAsStringAsync();
                if (!response.IsSuccessStatusCode || html.Length == 0) throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}");
                latencies?.Add(start);
            }
        })));
    }

    private static async Task<HttpClient> TokenClientAsync(string address, string userName, string password)
    {
        var client = new HttpClient { BaseAddress = new Uri(address) };
        var tokens = await ReadAsync(await client.PostAsJsonAsync("/api/auth/token", new { userName, password }));
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (string)tokens["accessToken"]!);
        return client;
    }

    private static async Task<JsonObject> ReadAsync(HttpResponseMessage response)
    {
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {body}");
            return (JsonObject)JsonNode.Parse(body)!;
        }
    }
}
