using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Benchmarks.Http;
using Workflow.Engine.Journal;
using Workflow.Persistence.Runtime;
using Workflow.Persistence.Storage;
using Workflow.Tests.Databases;

namespace Workflow.Benchmarks.Nodes;

/// <summary>
/// Decisions over HTTP from 8 clients against one node and then two nodes on loopback, all on one throwaway PostgreSQL
/// cluster, requests sent round-robin across the nodes. One task in ten is also sent a second time at once through the other
/// node, as two approvers racing would: one of the pair must get 409. Both nodes run in this process on the same cores, so
/// the second node adds no CPU; the point is that it adds no duplicates and no errors.
/// </summary>
internal sealed class NodesBenchmark : IBenchmark
{
    private const int Clients = 8;
    private const int RaceEvery = 10;

    public async Task<int> RunAsync(BenchmarkOptions options, TextWriter output)
    {
        var decisions = (int)(options.Phase.TotalSeconds * 250);
        var folders = new[] { NewFolder(), NewFolder() };
        using var cluster = PostgresCluster.StartOwn();
        var database = await cluster.CreateDatabaseAsync("bench_nodes");
        string[] Settings() => ["--Storage:Provider", "PostgreSql", "--ConnectionStrings:Workflow", database, "--DemoData:Enabled", "false"];
        try
        {
            await using var first = await LoopbackService.StartAsync(folders[0], Settings());
            var runtime = first.Services.GetRequiredService<WorkflowRuntime>();
            var tokens = await LoopbackService.SignInApproversAsync(first, Clients);
            output.WriteLine($"PostgreSQL {cluster.Folder}, {Clients} clients, {decisions} tasks per phase (one in {RaceEvery} decided twice at once), {Environment.ProcessorCount} cores");

            await MeasureAsync("warm-up", runtime, [first], tokens, 300, null);
            var one = await MeasureAsync("one node", runtime, [first], tokens, decisions, output);
            await using var second = await LoopbackService.StartAsync(folders[1], Settings());
            await MeasureAsync("warm-up", runtime, [first, second], tokens, 300, null);
            var two = await MeasureAsync("two nodes", runtime, [first, second], tokens, decisions, output);

            await using var db = await first.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
            var duplicates = await db.Journal.Where(j => j.Kind == JournalKind.Resumed).GroupBy(j => j.BookmarkId).CountAsync(g => g.Count() > 1);
            var errors = one.Errors + two.Errors;
            output.WriteLine($"ratio two/one: {two.PerSecond / one.PerSecond:0.00}; tasks decided twice (journal): {duplicates}; errors: {errors}");
            output.WriteLine($"one_node_per_s={one.PerSecond:0} two_nodes_per_s={two.PerSecond:0} duplicates={duplicates} errors={errors}");
            return duplicates == 0 && errors == 0 ? 0 : 1;
        }
        finally
        {
            foreach (var folder in folders) LoopbackService.TryDelete(folder);
        }
    }

    private sealed record Phase(double PerSecond, double P99, int Conflicts, int Errors);

    private static async Task<Phase> MeasureAsync(string name, WorkflowRuntime runtime, WebApplication[] nodes, string[] tokens, int decisions, TextWriter? output)
    {
        var opened = await LoopbackService.OpenTasksAsync(runtime, decisions);
        var queue = new ConcurrentQueue<Guid>();
        var index = 0;
        foreach (var task in opened)
        {
            queue.Enqueue(task);
            if (index++ % RaceEvery == 0) queue.Enqueue(task);
        }
        // One client per approver and node; request n of the whole run goes to node n mod N.
        var clients = tokens.Select(token => nodes.Select(node =>
        {
            var client = new HttpClient { BaseAddress = new Uri(node.Urls.First()) };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return client;
        }).ToArray()).ToArray();
        var latencies = new ConcurrentBag<double>();
        int next = 0, decided = 0, conflicts = 0, errors = 0;
        var wall = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(client => Task.Run(async () =>
        {
            while (queue.TryDequeue(out var task))
            {
                var node = (Interlocked.Increment(ref next) & int.MaxValue) % nodes.Length;
                var watch = Stopwatch.StartNew();
                try
                {
                    using var response = await clients[client][node].PostAsJsonAsync($"/api/tasks/{task}/decision", new { outcome = "approve", form = new { opinion = "同意" } });
                    latencies.Add(watch.Elapsed.TotalMilliseconds);
                    if (response.IsSuccessStatusCode) Interlocked.Increment(ref decided);
                    else if (response.StatusCode == HttpStatusCode.Conflict) Interlocked.Increment(ref conflicts);
                    else if (Interlocked.Increment(ref errors) <= 3) output?.WriteLine($"  error: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }
                catch (HttpRequestException failure)
                {
                    if (Interlocked.Increment(ref errors) <= 3) output?.WriteLine($"  error: {failure.Message}");
                }
            }
        })));
        var elapsed = wall.Elapsed.TotalSeconds;
        foreach (var row in clients) foreach (var client in row) client.Dispose();
        var sorted = latencies.Order().ToArray();
        // Each race gives exactly one 409; one more is a conflict nobody caused, one fewer shows as a duplicate in the journal.
        var races = (opened.Count + RaceEvery - 1) / RaceEvery;
        var phase = new Phase(decided / elapsed, LoopbackService.Percentile(sorted, 0.99), conflicts, errors + Math.Max(0, conflicts - races));
        output?.WriteLine($"{name}: {decided} decisions in {elapsed:0.00} s = {phase.PerSecond:0}/s, p50 {LoopbackService.Percentile(sorted, 0.50):0.00} ms, " +
            $"p99 {phase.P99:0.00} ms; {conflicts} 409s for {races} races; {phase.Errors} errors");
        return phase;
    }

    private static string NewFolder() => Path.Combine(Path.GetTempPath(), "wf-bench-nodes", Guid.NewGuid().ToString("N"));
}
