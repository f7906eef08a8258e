using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using Workflow.Benchmarks.Measurement;
using Workflow.Persistence.Storage;
using Workflow.Tests.Databases;

namespace Workflow.Benchmarks.Engine;

/// <summary>
/// <c>engine --provider postgresql</c>: engine transitions per second on the PostgreSQL store against the floor of the same row work in
/// hand-written SQL (<see cref="PostgreSqlFloorWorkload"/>), both with the server's default durability, one transaction per
/// transition, on a throwaway cluster as the tests start it; with 1 client (alternating one-second slices) and with 8 clients,
/// which PostgreSQL can run side by side.
/// </summary>
internal static class PostgreSqlEngineBenchmark
{
    private const int ConcurrentClients = 8;
    private static readonly TimeSpan s_slice = TimeSpan.FromSeconds(1);

    public static async Task<int> RunAsync(BenchmarkOptions options, TextWriter output)
    {
        var cluster = PostgresCluster.Shared;
        var gc = GCSettings.IsServerGC ? "server" : "workstation";
        await WriteAsync(output, $"engine benchmark on PostgreSQL: {Environment.ProcessorCount} cores, .NET {Environment.Version}, {gc} GC; throwaway cluster in {cluster.Folder} (fsync on); {options.WarmUp.TotalSeconds:0.#} s warm-up, then floor and engine in alternating 1 s slices, {options.Phase.TotalSeconds:0.#} s each, then {ConcurrentClients} clients");
        if (BuildInfo.IsDebug) await WriteAsync(output, $"warning: a Debug build; run with -c Release for figures worth comparing");

        await using var floorWorkload = await PostgreSqlFloorWorkload.CreateAsync(await cluster.CreateDatabaseAsync("floor"));
        await using var engineWorkload = await EngineWorkload.CreateAsync(WorkflowStorage.PostgreSql(await cluster.CreateDatabaseAsync("engine")));
        var floorTransition = Throughput.Timed(floorWorkload.TransitionAsync);
        await Throughput.WarmUpAsync(options.WarmUp, floorTransition);
        await Throughput.WarmUpAsync(options.WarmUp, engineWorkload.CycleAsync);

        var (floor, engine) = await AlternateAsync(1, options.Phase, floorTransition, engineWorkload.CycleAsync);
        var (floor8, engine8) = await AlternateAsync(ConcurrentClients, options.Phase, floorTransition, engineWorkload.CycleAsync);
        var memory = MemoryFigures.Now();
        var ratio = engine.PerSecond / floor.PerSecond;
        var ratio8 = engine8.PerSecond / floor8.PerSecond;
        // As on SQLite: 8 engine clients against the 1-client floor, one transaction and one fsync per transition.
        var clients8Ratio = engine8.PerSecond / floor.PerSecond;
        var p99 = engine.Latencies.PercentileMs(99);

        foreach (var (clients, f, e, r) in new[] { (1, floor, engine, ratio), (ConcurrentClients, floor8, engine8, ratio8) })
        {
            await WriteAsync(output, $"floor (hand-written SQL, {clients} clients): {f.PerSecond:0} transitions/s, latency p50 {f.Latencies.PercentileMs(50):0.000} ms, p99 {f.Latencies.PercentileMs(99):0.000} ms");
            await WriteAsync(output, $"engine ({clients} clients): {e.PerSecond / 2:0} approval cycles/s, {e.PerSecond:0} transitions/s, resume p50 {e.Latencies.PercentileMs(50):0.000} ms, p99 {e.Latencies.PercentileMs(99):0.000} ms, {e.AllocatedPerOperation / 1024:0.0} KiB allocated per transition");
            await WriteAsync(output, $"ratio engine/floor ({clients} clients): {r:0.00}");
        }
        await WriteAsync(output, $"ratio engine ({ConcurrentClients} clients)/floor (1 client): {clients8Ratio:0.00}");
        await WriteAsync(output, $"memory: {memory}");
        await WriteAsync(output, $"transitions_per_s={engine.PerSecond:0} ratio={ratio:0.00} p99_ms={p99:0.00} transitions_per_s_8={engine8.PerSecond:0} ratio_8={ratio8:0.00} p99_ms_8={engine8.Latencies.PercentileMs(99):0.00} clients8_ratio={clients8Ratio:0.00}");
        return 0;
    }

    /// <summary>Floor and engine with the same number of clients, in alternating slices.</summary>
    private static async Task<(Throughput Floor, Throughput Engine)> AlternateAsync(int clients, TimeSpan phase,
        Func<int, Latencies, Task<int>> floorTransition, Func<int, Latencies, Task<int>> engineCycle)
    {
        var floor = new Throughput(clients, floorTransition);
        var engine = new Throughput(clients, engineCycle);
        for (var elapsed = TimeSpan.Zero; elapsed < phase; elapsed += s_slice)
        {
            await floor.RunAsync(s_slice);
            await engine.RunAsync(s_slice);
        }
        return (floor, engine);
    }

    private static Task WriteAsync(TextWriter output, FormattableString line) => output.WriteLineAsync(line.ToString(CultureInfo.InvariantCulture));
}
