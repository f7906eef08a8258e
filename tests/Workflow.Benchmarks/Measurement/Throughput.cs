using System.Diagnostics;

namespace Workflow.Benchmarks.Measurement;

/// <summary>
/// Operations per second of one workload, summed over the slices it ran in, with what they allocated and their latencies.
/// Running two workloads in alternating slices exposes both to the same background load, so their ratio stays fair on a
/// shared machine.
/// </summary>
internal sealed class Throughput(int clients, Func<int, Latencies, Task<int>> operation)
{
    private int _next;

    public long Operations { get; private set; }
    public TimeSpan Elapsed { get; private set; }
    public long AllocatedBytes { get; private set; }

    /// <summary>Processor time the whole process used while the workload ran: what it costs, whatever else loads the machine.</summary>
    public TimeSpan ProcessorTime { get; private set; }
    public Latencies Latencies { get; } = new();

    public double PerSecond => Operations / Elapsed.TotalSeconds;

    public double AllocatedPerOperation => (double)AllocatedBytes / Operations;

    public double ProcessorMsPerOperation => ProcessorTime.TotalMilliseconds / Operations;

    /// <summary>Runs the operation from the clients' concurrent loops for <paramref name="duration"/>; each call returns the operations it completed.</summary>
    public async Task RunAsync(TimeSpan duration)
    {
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var processorBefore = Environment.CpuUsage.TotalTime;
        var clock = Stopwatch.StartNew();
        var counts = await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            long done = 0;
            while (clock.Elapsed < duration) done += await operation(Interlocked.Increment(ref _next), Latencies);
            return done;
        })));
        Elapsed += clock.Elapsed;
        Operations += counts.Sum();
        AllocatedBytes += GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        ProcessorTime += Environment.CpuUsage.TotalTime - processorBefore;
    }

    /// <summary>An operation of one unit whose every call is timed, as a workload for <see cref="Throughput"/>.</summary>
    public static Func<int, Latencies, Task<int>> Timed(Func<int, Task> operation) => async (n, latencies) =>
    {
        var begin = Stopwatch.GetTimestamp();
        await operation(n);
        latencies.Add(begin);
        return 1;
    };

    /// <summary>A run not to be counted, such as a warm-up.</summary>
    public static Task WarmUpAsync(TimeSpan duration, Func<int, Latencies, Task<int>> operation) => new Throughput(1, operation).RunAsync(duration);
}
