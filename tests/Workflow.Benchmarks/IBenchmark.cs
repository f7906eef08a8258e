using System.Globalization;

namespace Workflow.Benchmarks;

/// <summary>One benchmark mode. It prints its figures, the last line being one machine-readable summary, and returns the exit code.</summary>
internal interface IBenchmark
{
    Task<int> RunAsync(BenchmarkOptions options, TextWriter output);
}

/// <param name="Phase">How long each measured phase runs, after a warm-up of a fifth of that.</param>
internal sealed record BenchmarkOptions(TimeSpan Phase)
{
    public TimeSpan WarmUp => Phase / 5;

    /// <summary>The options after the mode, or null when they do not parse.</summary>
    public static BenchmarkOptions? Parse(IReadOnlyList<string> args)
    {
        var seconds = 8.0;
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] != "--seconds") return null;
            if (++i == args.Count || !double.TryParse(args[i], NumberStyles.Float, CultureInfo.InvariantCulture, out seconds) || seconds <= 0) return null;
        }
        return new BenchmarkOptions(TimeSpan.FromSeconds(seconds));
    }
}
