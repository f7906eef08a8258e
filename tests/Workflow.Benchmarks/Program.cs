using Workflow.Benchmarks;
using Workflow.Benchmarks.Engine;
using Workflow.Benchmarks.Http;
using Workflow.Benchmarks.Ledger;
using Workflow.Benchmarks.Nodes;
using Workflow.Benchmarks.Pages;
using Workflow.Benchmarks.Reminders;

// One benchmark per mode: `dotnet run -c Release --project tests/Workflow.Benchmarks -- <mode> [--seconds n] [--provider sqlite|postgresql]`.
// Adding a mode is one line in this table.
var modes = new SortedDictionary<string, Func<IBenchmark>>(StringComparer.Ordinal)
{
    ["engine"] = () => new EngineBenchmark(),
    ["http"] = () => new HttpBenchmark(),
    ["ledger"] = () => new LedgerBenchmark(),
    ["nodes"] = () => new NodesBenchmark(),
    ["pages"] = () => new PagesBenchmark(),
    ["reminders"] = () => new RemindersBenchmark(),
};

var options = BenchmarkOptions.Parse(args.Skip(1).ToList());
if (args.Length == 0 || !modes.TryGetValue(args[0], out var create) || options is null)
{
    var problem = args.Length == 0 ? "no mode given" : options is null ? "the options are --seconds <a positive number> and --provider sqlite|postgresql" : $"unknown mode '{args[0]}'";
    await Console.Error.WriteLineAsync($"""
        {problem}
        usage: dotnet run -c Release --project tests/Workflow.Benchmarks -- <mode> [--seconds <per phase, default 8>] [--provider sqlite|postgresql (engine)]
        modes: {string.Join(", ", modes.Keys)}
        """);
    return 2;
}
return await create().RunAsync(options, Console.Out);
