using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Benchmarks.Measurement;
using Workflow.Engine.Execution;
using Workflow.Persistence.Runtime;
using Workflow.Persistence.Stores;
using Workflow.Persistence.Stores.Sqlite;

namespace Workflow.Benchmarks.Http;

/// <summary>
/// Decisions over HTTP with JWT from several clients against the service on loopback, beside the same decisions made
/// in-process through the engine in the same run. Both run in alternating one-second slices after a warm-up each, so
/// background load on a shared machine hits both alike; each slice decides tasks opened beforehand, outside the timing.
/// </summary>
internal sealed class HttpBenchmark : IBenchmark
{
    private const int Clients = 8;
    private static readonly TimeSpan s_slice = TimeSpan.FromSeconds(1);

    // What a browser or script sends: a JSON body with its Content-Length, the same for every decision.
    private static readonly byte[] s_decision = Encoding.UTF8.GetBytes("""{"outcome":"approve","form":{"opinion":"同意"}}""");

    public async Task<int> RunAsync(BenchmarkOptions options, TextWriter output)
    {
        var folder = Path.Combine(Path.GetTempPath(), "wf-bench-http", Guid.NewGuid().ToString("N"));
        try
        {
            await using var app = await LoopbackService.StartAsync(folder);
            var address = app.Urls.First();
            var runtime = app.Services.GetRequiredService<WorkflowRuntime>();
            var tokens = await LoopbackService.SignInApproversAsync(app, Clients);
            // One handler for all clients, as a front end would hold: HTTP/1.1 keep-alive connections from its pool, reused.
            using var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = Timeout.InfiniteTimeSpan }) { BaseAddress = new Uri(address) };

            output.WriteLine($"service on {address}, {Clients} concurrent clients; {options.WarmUp.TotalSeconds:0.#} s warm-up each, then engine and http in alternating 1 s slices, {options.Phase.TotalSeconds:0.#} s each");
            var engineTasks = new TaskPool(runtime);
            var httpTasks = new TaskPool(runtime);
            var engineDecision = Throughput.Timed(async n => await runtime.ResumeAsync(
                new ResumeRequest(engineTasks.Next(), $"approver{n % Clients}", "approve", new JsonObject { ["opinion"] = "同意" })));
            var httpDecision = Throughput.Timed(n => DecideOverHttpAsync(http, tokens[n % Clients], httpTasks.Next()));
            // The same signed-in round trip doing almost nothing (who am I): what HTTP, JWT and the pipeline cost before any work.
            var httpRoundTrip = Throughput.Timed(n => AskWhoAmIAsync(http, tokens[n % Clients]));

            // More than the fastest side decides in its warm-up on this machine (about 3,300/s), however long the phases are.
            var warmUpTasks = Math.Max(6000, (int)(options.WarmUp.TotalSeconds * 5000));
            await engineTasks.FillAsync(warmUpTasks);
            await Throughput.WarmUpAsync(options.WarmUp, engineDecision);
            await httpTasks.FillAsync(warmUpTasks);
            await Throughput.WarmUpAsync(options.WarmUp, httpDecision);
            await Throughput.WarmUpAsync(options.WarmUp, httpRoundTrip);

            var commits = (app.Services.GetRequiredService<TransitionStore>() as SqliteTransitionStore)?.Queue;
            var engine = new Throughput(Clients, engineDecision);
            var overHttp = new Throughput(Clients, httpDecision);
            var roundTrips = new Throughput(Clients, httpRoundTrip);
            var (engineBatches, httpBatches) = (new BatchCount(commits), new BatchCount(commits));
            for (var elapsed = TimeSpan.Zero; elapsed < options.Phase; elapsed += s_slice)
            {
                await DecisionSliceAsync(engineTasks, engine, engineBatches);
                await DecisionSliceAsync(httpTasks, overHttp, httpBatches);
                await roundTrips.RunAsync(s_slice);
            }

            Report(output, "engine (in-process)", engine);
            Report(output, "http (JWT, loopback)", overHttp);
            Report(output, "http round trip alone (GET /api/auth/me, JWT)", roundTrips, "requests");
            output.WriteLine($"transitions per commit: engine {engineBatches.PerCommit:0.0}, http {httpBatches.PerCommit:0.0}");
            output.WriteLine($"processor time per decision: engine {engine.ProcessorMsPerOperation:0.00} ms + round trip {roundTrips.ProcessorMsPerOperation:0.00} ms " +
                $"= {engine.ProcessorMsPerOperation + roundTrips.ProcessorMsPerOperation:0.00} ms against {overHttp.ProcessorMsPerOperation:0.00} ms over http");
            var ratio = overHttp.PerSecond / engine.PerSecond;
            var p99 = overHttp.Latencies.PercentileMs(99);
            output.WriteLine($"ratio http/engine: {ratio:0.00}; processor time per decision http/engine: {overHttp.ProcessorMsPerOperation / engine.ProcessorMsPerOperation:0.00}");
            output.WriteLine($"decisions_per_s={overHttp.PerSecond:0} p99_ms={p99:0.00} ratio={ratio:0.00}");
            return 0;
        }
        finally
        {
            LoopbackService.TryDelete(folder);
        }
    }

    private static async Task DecideOverHttpAsync(HttpClient http, string token, Guid task)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/tasks/{task}/decision")
        {
            Content = new ByteArrayContent(s_decision) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"decision failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>One slice of one side's decisions, on tasks opened before it: three seconds' worth at the rate measured so far.</summary>
    private static async Task DecisionSliceAsync(TaskPool tasks, Throughput side, BatchCount batches)
    {
        await tasks.FillAsync(side.Operations == 0 ? 6000 : (int)(3 * side.PerSecond));
        await batches.CountAsync(() => side.RunAsync(s_slice));
    }

    private static async Task AskWhoAmIAsync(HttpClient http, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/auth/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"who-am-I failed: {(int)response.StatusCode}");
        await response.Content.ReadAsByteArrayAsync();
    }

    private static void Report(TextWriter output, string name, Throughput phase, string unit = "decisions") =>
        output.WriteLine($"{name}: {phase.Operations} {unit} in {phase.Elapsed.TotalSeconds:0.00} s = {phase.PerSecond:0}/s, " +
            $"p50 {phase.Latencies.PercentileMs(50):0.00} ms, p99 {phase.Latencies.PercentileMs(99):0.00} ms, " +
            $"{phase.ProcessorMsPerOperation:0.00} ms processor time and {phase.AllocatedPerOperation / 1024:0} KiB allocated per {unit[..^1]} (the process, clients included)");

    /// <summary>The commits of one side's slices and the transitions they held (SQLite's group commit; none elsewhere).</summary>
    private sealed class BatchCount(GroupCommit? commits)
    {
        private long _batches;
        private long _transitions;

        public double PerCommit => _batches == 0 ? 0 : (double)_transitions / _batches;

        public async Task CountAsync(Func<Task> slice)
        {
            var before = commits?.Written;
            await slice();
            if (before is not { } b || commits?.Written is not { } a) return;
            (_batches, _transitions) = (_batches + a.Batches - b.Batches, _transitions + a.Transitions - b.Transitions);
        }
    }

    /// <summary>Open tasks for one side, topped up between slices so that no slice opens any.</summary>
    private sealed class TaskPool(WorkflowRuntime runtime)
    {
        private readonly ConcurrentQueue<Guid> _open = new();

        public async Task FillAsync(int atLeast)
        {
            var missing = atLeast - _open.Count;
            if (missing <= 0) return;
            foreach (var task in await LoopbackService.OpenTasksAsync(runtime, missing)) _open.Enqueue(task);
        }

        public Guid Next() => _open.TryDequeue(out var task) ? task
            : throw new InvalidOperationException("the slice decided every task opened for it: open more between slices");
    }
}
