using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using Workflow.Benchmarks.Measurement;

namespace Workflow.Benchmarks.Engine;

/// <summary>
/// Engine transitions per second against the floor of the same row work in hand-written SQL, both durable (WAL,
/// synchronous=FULL, one transaction per transition) on fresh SQLite files in a temp folder; resume latency; memory.
/// The floor and the engine run in alternating one-second slices, so background load on a shared machine hits both alike; then
/// 8 engine clients alternate with the 1-client floor, and their ratio shows what group commit makes of concurrent transitions.
/// With <c>--provider postgresql</c>, the same on a throwaway PostgreSQL cluster (<see cref="PostgreSqlEngineBenchmark"/>).
/// </summary>
internal sealed class EngineBenchmark : IBenchmark
{
    private const int ConcurrentClients = 8;
    private static readonly TimeSpan s_slice = TimeSpan.FromSeconds(1);

    public async Task<int> RunAsync(BenchmarkOptions options, TextWriter output)
    {
        if (options.Provider == Persistence.Storage.StorageProvider.PostgreSql) return await PostgreSqlEngineBenchmark.RunAsync(options, output);
        var folder = Path.Combine(Path.GetTempPath(), "wf-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var gc = GCSettings.IsServerGC ? "server" : "workstation";
            await WriteAsync(output, $"engine benchmark: {Environment.ProcessorCount} cores, .NET {Environment.Version}, {gc} GC; {options.WarmUp.TotalSeconds:0.#} s warm-up, then floor and engine in alternating 1 s slices, {options.Phase.TotalSeconds:0.#} s each; files in {folder}");
            if (BuildInfo.IsDebug) await WriteAsync(output, $"warning: a Debug build; run with -c Release for figures worth comparing");

            using var floorWorkload = await FloorWorkload.CreateAsync(Path.Combine(folder, "floor.db"));
            await using var engineWorkload = await EngineWorkload.CreateAsync(Path.Combine(folder, "engine.db"));
            var floorTransition = Throughput.Timed(floorWorkload.TransitionAsync);
            await Throughput.WarmUpAsync(options.WarmUp, floorTransition);
            await Throughput.WarmUpAsync(options.WarmUp, engineWorkload.CycleAsync);

            var floor = new Throughput(1, floorTransition);
            var engine = new Throughput(1, engineWorkload.CycleAsync);
            for (var elapsed = TimeSpan.Zero; elapsed < options.Phase; elapsed += s_slice)
            {
                await floor.RunAsync(s_slice);
                await engine.RunAsync(s_slice);
            }
            // 8 clients against the same floor (one client, one transaction and one fsync per transition): what group commit buys.
            var floorBeside8 = new Throughput(1, floorTransition);
            var concurrent = new Throughput(ConcurrentClients, engineWorkload.CycleAsync);
            for (var elapsed = TimeSpan.Zero; elapsed < options.Phase; elapsed += s_slice)
            {
                await floorBeside8.RunAsync(s_slice);
                await concurrent.RunAsync(s_slice);
            }
            var memory = MemoryFigures.Now();
            var ratio = engine.PerSecond / floor.PerSecond;
            var ratio8 = concurrent.PerSecond / floorBeside8.PerSecond;
            var p99 = engine.Latencies.PercentileMs(99);

            await WriteAsync(output, $"floor (hand-written SQL, 1 client): {floor.PerSecond:0} transitions/s, latency p50 {floor.Latencies.PercentileMs(50):0.000} ms, p99 {floor.Latencies.PercentileMs(99):0.000} ms");
            await WriteAsync(output, $"engine (1 client): {engine.PerSecond / 2:0} approval cycles/s, {engine.PerSecond:0} transitions/s, resume p50 {engine.Latencies.PercentileMs(50):0.000} ms, p99 {p99:0.000} ms, {engine.AllocatedPerOperation / 1024:0.0} KiB allocated per transition");
            await WriteAsync(output, $"engine ({ConcurrentClients} clients): {concurrent.PerSecond / 2:0} approval cycles/s, {concurrent.PerSecond:0} transitions/s, resume p50 {concurrent.Latencies.PercentileMs(50):0.000} ms, p99 {concurrent.Latencies.PercentileMs(99):0.000} ms");
            await WriteAsync(output, $"ratio engine/floor (1 client): {ratio:0.00}");
            await WriteAsync(output, $"ratio engine/floor ({ConcurrentClients} clients against the 1-client floor of {floorBeside8.PerSecond:0} transitions/s beside them): {ratio8:0.00}");
            await WriteAsync(output, $"memory: {memory}");
            await WriteAsync(output, $"transitions_per_s={engine.PerSecond:0} ratio={ratio:0.00} p99_ms={p99:0.00} clients8_ratio={ratio8:0.00}");
            return 0;
        }
        finally
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open is left for the temp cleaner; the figures are already printed.
            }
        }
    }

    private static Task WriteAsync(TextWriter output, FormattableString line) => output.WriteLineAsync(line.ToString(CultureInfo.InvariantCulture));
}
