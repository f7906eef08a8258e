using System.Globalization;
using Workflow.Persistence.Storage;

namespace Workflow.Benchmarks;

/// <summary>One benchmark mode. It prints its figures, the last line being one machine-readable summary, and returns the exit code.</summary>
internal interface IBenchmark
{
    Task<int> RunAsync(BenchmarkOptions options, TextWriter output);
}

/// <param name="Phase">How long each measured phase runs, after a warm-up of a fifth of that.</param>
/// <param name="Provider">The database of the modes that run on either (<c>engine</c>): <c>--provider sqlite</c> (default) or <c>postgresql</c>.</param>
internal sealed record BenchmarkOptions(TimeSpan Phase, StorageProvider Provider = StorageProvider.Sqlite)
{
    public TimeSpan WarmUp => Phase / 5;

    /// <summary>The options after the mode, or null when they do not parse.</summary>
    public static BenchmarkOptions? Parse(IReadOnlyList<string> args)
    {
        var seconds = 8.0;
        var provider = StorageProvider.Sqlite;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (++i == args.Count) return null;
            if (name == "--seconds" && (!double.TryParse(args[i], NumberStyles.Float, CultureInfo.InvariantCulture, out seconds) || seconds <= 0)) return null;
            if (name == "--provider" && (!Enum.TryParse(args[i], ignoreCase: true, out provider) || !Enum.IsDefined(provider))) return null;
            if (name is not ("--seconds" or "--provider")) return null;
        }
        return new BenchmarkOptions(TimeSpan.FromSeconds(seconds), provider);
    }
}
