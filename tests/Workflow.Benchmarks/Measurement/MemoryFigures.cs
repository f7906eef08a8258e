using System.Diagnostics;
using System.Globalization;

namespace Workflow.Benchmarks.Measurement;

/// <summary>Peak memory of the process and what the garbage collector did, at the end of a run.</summary>
internal sealed record MemoryFigures(long PeakWorkingSet, long HeapSize, long TotalAllocated, int Gen0, int Gen1, int Gen2, double PauseTimePercentage)
{
    public static MemoryFigures Now()
    {
        using var process = Process.GetCurrentProcess();
        var info = GC.GetGCMemoryInfo();
        return new MemoryFigures(process.PeakWorkingSet64, info.HeapSizeBytes, GC.GetTotalAllocatedBytes(precise: true),
            GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), info.PauseTimePercentage);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"peak working set {Mib(PeakWorkingSet)} MiB, GC heap {Mib(HeapSize)} MiB, allocated {Mib(TotalAllocated)} MiB in all, collections gen0/gen1/gen2 {Gen0}/{Gen1}/{Gen2}, GC pause {PauseTimePercentage:0.0}%");

    private static string Mib(long bytes) => (bytes / 1024.0 / 1024.0).ToString("0.0", CultureInfo.InvariantCulture);
}
