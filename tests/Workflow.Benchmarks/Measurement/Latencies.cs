using System.Diagnostics;

namespace Workflow.Benchmarks.Measurement;

/// <summary>Collects durations from <see cref="Stopwatch"/> timestamps and reports their percentiles in milliseconds.</summary>
internal sealed class Latencies
{
    private readonly List<long> _ticks = new(1 << 16);
    private readonly Lock _lock = new();

    public int Count => _ticks.Count;

    public void Add(long startTimestamp)
    {
        var elapsed = Stopwatch.GetTimestamp() - startTimestamp;
        lock (_lock) _ticks.Add(elapsed);
    }

    public double PercentileMs(double percentile)
    {
        lock (_lock)
        {
            if (_ticks.Count == 0) return double.NaN;
            _ticks.Sort();
            var index = (int)Math.Ceiling(percentile / 100 * _ticks.Count) - 1;
            return _ticks[Math.Clamp(index, 0, _ticks.Count - 1)] * 1000.0 / Stopwatch.Frequency;
        }
    }
}
