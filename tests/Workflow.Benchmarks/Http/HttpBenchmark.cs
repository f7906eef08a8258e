using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Workflow.Engine.Execution;
using Workflow.Persistence.Runtime;
using Workflow.Server.Accounts;
using Workflow.Server.Hosting;
using Workflow.Server.Regions;

namespace Workflow.Benchmarks.Http;

/// <summary>
/// Decisions over HTTP with JWT from several clients against the service on loopback, beside the same decisions made
/// in-process through the engine in the same run.
/// </summary>
internal sealed class HttpBenchmark : IBenchmark
{
    private const int Clients = 8;
    private const string Region = "350583104201";

    public async Task<int> RunAsync(BenchmarkOptions options, TextWriter output)
    {
        var decisions = (int)(options.Phase.TotalSeconds * 800);
        var folder = Path.Combine(Path.GetTempPath(), "wf-bench-http", Guid.NewGuid().ToString("N"));
        try
        {
            await using var app = await StartServiceAsync(folder);
            var address = app.Urls.First();
            var runtime = app.Services.GetRequiredService<WorkflowRuntime>();
            var tokens = await SignInApproversAsync(app, address);

            output.WriteLine($"service on {address}, {Clients} concurrent clients, {decisions} decisions per phase");
            await MeasureEngineAsync(runtime, 500, null);
            var engine = await MeasureEngineAsync(runtime, decisions, output);
            await MeasureHttpAsync(runtime, address, tokens, 500, null);
            var http = await MeasureHttpAsync(runtime, address, tokens, decisions, output);

            var ratio = http.PerSecond / engine.PerSecond;
            output.WriteLine($"ratio http/engine: {ratio:0.00}");
            output.WriteLine($"decisions_per_s={http.PerSecond:0} p99_ms={http.P99:0.00} ratio={ratio:0.00}");
            return 0;
        }
        finally
        {
            TryDelete(folder);
        }
    }

    private static async Task<WebApplication> StartServiceAsync(string folder)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = ["--data", folder, "--urls", "http://127.0.0.1:0", "--Admin:InitialPassword", "Bench-admin-2026", "--Regions:RootCode", "350583"],
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        builder.AddWorkflowService();
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapWorkflowService();
        await app.StartAsync();
        return app;
    }

    private static async Task<string[]> SignInApproversAsync(WebApplication app, string address)
    {
        var regions = app.Services.GetRequiredService<RegionService>();
        await regions.CreateAsync(new NewRegion("350583104", "官桥镇"), CancellationToken.None);
        await regions.CreateAsync(new NewRegion(Region, "官桥村"), CancellationToken.None);
        var users = app.Services.GetRequiredService<UserDirectory>();
        using var http = new HttpClient { BaseAddress = new Uri(address) };
        var tokens = new string[Clients];
        for (var i = 0; i < Clients; i++)
        {
            await users.CreateAsync(new NewUser($"approver{i}", $"审批人{i}", [Roles.Approver], ApproverKinds.SuperiorFederation, "350583104", Password: "Bench-pass-2026"), CancellationToken.None);
            var response = await http.PostAsJsonAsync("/api/auth/token", new { userName = $"approver{i}", password = "Bench-pass-2026" });
            tokens[i] = (string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["accessToken"]!;
        }
        return tokens;
    }

    private sealed record Phase(double PerSecond, double P50, double P99, int Count);

    private static async Task<Phase> MeasureEngineAsync(WorkflowRuntime runtime, int decisions, TextWriter? output)
    {
        var tasks = await OpenTasksAsync(runtime, decisions);
        return await DecideAllAsync("engine (in-process)", tasks, output, async (client, task) =>
            await runtime.ResumeAsync(new ResumeRequest(task, $"approver{client}", "approve", new JsonObject { ["opinion"] = "同意" })));
    }

    private static async Task<Phase> MeasureHttpAsync(WorkflowRuntime runtime, string address, string[] tokens, int decisions, TextWriter? output)
    {
        var tasks = await OpenTasksAsync(runtime, decisions);
        var clients = tokens.Select(token =>
        {
            var client = new HttpClient { BaseAddress = new Uri(address) };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return client;
        }).ToArray();
        try
        {
            return await DecideAllAsync("http (JWT, loopback)", tasks, output, async (client, task) =>
            {
                using var response = await clients[client].PostAsJsonAsync($"/api/tasks/{task}/decision", new { outcome = "approve", form = new { opinion = "同意" } });
                if (!response.IsSuccessStatusCode)
                    throw new InvalidOperationException($"decision failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            });
        }
        finally
        {
            foreach (var client in clients) client.Dispose();
        }
    }

    /// <summary>Opens the tasks beforehand, so the timed phase does nothing but decide them.</summary>
    private static async Task<ConcurrentQueue<Guid>> OpenTasksAsync(WorkflowRuntime runtime, int count)
    {
        var tasks = new ConcurrentQueue<Guid>();
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (_, cancellationToken) =>
        {
            var started = await runtime.StartAsync("approval", new JsonObject { ["regionCode"] = Region }, null, "bench-officer", cancellationToken: cancellationToken);
            tasks.Enqueue(started.NewBookmarks.Single(b => b.Kind == BookmarkKind.UserTask).Id);
        });
        return tasks;
    }

    private static async Task<Phase> DecideAllAsync(string name, ConcurrentQueue<Guid> tasks, TextWriter? output, Func<int, Guid, Task> decide)
    {
        var latencies = new ConcurrentBag<double>();
        var wall = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(client => Task.Run(async () =>
        {
            while (tasks.TryDequeue(out var task))
            {
                var watch = Stopwatch.StartNew();
                await decide(client, task);
                latencies.Add(watch.Elapsed.TotalMilliseconds);
            }
        })));
        var elapsed = wall.Elapsed.TotalSeconds;
        var sorted = latencies.Order().ToArray();
        var phase = new Phase(sorted.Length / elapsed, Percentile(sorted, 0.50), Percentile(sorted, 0.99), sorted.Length);
        output?.WriteLine($"{name}: {phase.Count} decisions in {elapsed:0.00} s = {phase.PerSecond:0}/s, p50 {phase.P50:0.00} ms, p99 {phase.P99:0.00} ms");
        return phase;
    }

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
