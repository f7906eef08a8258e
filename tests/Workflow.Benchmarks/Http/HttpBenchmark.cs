using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Engine.Execution;
using Workflow.Persistence.Runtime;

namespace Workflow.Benchmarks.Http;

/// <summary>
/// Decisions over HTTP with JWT from several clients against the service on loopback, beside the same decisions made
/// in-process through the engine in the same run.
/// </summary>
internal sealed class HttpBenchmark : IBenchmark
{
    private const int Clients = 8;

    public async Task<int> RunAsync(BenchmarkOptions options, TextWriter output)
    {
        var decisions = (int)(options.Phase.TotalSeconds * 800);
        var folder = Path.Combine(Path.GetTempPath(), "wf-bench-http", Guid.NewGuid().ToString("N"));
        try
        {
            await using var app = await LoopbackService.StartAsync(folder);
            var address = app.Urls.First();
            var runtime = app.Services.GetRequiredService<WorkflowRuntime>();
            var tokens = await LoopbackService.SignInApproversAsync(app, Clients);

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
            LoopbackService.TryDelete(folder);
        }
    }

    private sealed record Phase(double PerSecond, double P50, double P99, int Count);

    private static async Task<Phase> MeasureEngineAsync(WorkflowRuntime runtime, int decisions, TextWriter? output)
    {
        var tasks = await LoopbackService.OpenTasksAsync(runtime, decisions);
        return await DecideAllAsync("engine (in-process)", tasks, output, async (client, task) =>
            await runtime.ResumeAsync(new ResumeRequest(task, $"approver{client}", "approve", new JsonObject { ["opinion"] = "同意" })));
    }

    private static async Task<Phase> MeasureHttpAsync(WorkflowRuntime runtime, string address, string[] tokens, int decisions, TextWriter? output)
    {
        var tasks = await LoopbackService.OpenTasksAsync(runtime, decisions);
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
        var phase = new Phase(sorted.Length / elapsed, LoopbackService.Percentile(sorted, 0.50), LoopbackService.Percentile(sorted, 0.99), sorted.Length);
        output?.WriteLine($"{name}: {phase.Count} decisions in {elapsed:0.00} s = {phase.PerSecond:0}/s, p50 {phase.P50:0.00} ms, p99 {phase.P99:0.00} ms");
        return phase;
    }
}
