using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Workflow.Persistence;
using Workflow.Server;

// Until the HTTP service exists, this console loads workflows/ into the embedded SQLite store and runs the
// sample approval once, so a newcomer sees the engine work end to end.
var options = ConsoleOptions.Parse(args);
Directory.CreateDirectory(options.DataFolder);
await using var services = new ServiceCollection()
    .AddLogging(l => l.AddSimpleConsole(c => c.SingleLine = true).SetMinimumLevel(LogLevel.Warning))
    .AddWorkflowEngine(Path.Combine(options.DataFolder, "workflow.db"), vocabulary: options.ReadAssignmentVocabulary())
    .BuildServiceProvider();
return await SampleRun.RunAsync(services, options, Console.Out);
