using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Engine.Execution;
using Workflow.Persistence;
using Workflow.Persistence.Definitions;
using Workflow.Persistence.Runtime;
using Workflow.Persistence.Storage;

// Runs transitions in a loop on the given SQLite file until it is killed. The crash test kills it at random
// moments and checks that the file holds only whole transitions.
// Usage: Workflow.CrashHost <database file> <definition file> <seed>
if (args.Length != 3)
{
    Console.Error.WriteLine("usage: Workflow.CrashHost <database file> <definition file> <seed>");
    return 2;
}
var services = new ServiceCollection().AddLogging().AddWorkflowEngine(args[0]).BuildServiceProvider();
await services.GetRequiredService<DatabaseSetup>().MigrateAsync();
var definition = await services.GetRequiredService<DefinitionStore>().PublishAsync(await File.ReadAllTextAsync(args[1]), args[1], "crash-host");
var runtime = services.GetRequiredService<WorkflowRuntime>();
var contexts = services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>();
var random = new Random(int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture));
var transitions = 0;
while (true)
{
    List<BookmarkRow> open;
    await using (var db = await contexts.CreateDbContextAsync())
        open = await db.Bookmarks.AsNoTracking().Where(b => b.Kind == BookmarkKind.UserTask).Take(50).ToListAsync();
    if (open.Count < 10 || random.Next(4) == 0)
    {
        await runtime.StartAsync(definition.DefinitionId, new JsonObject { ["regionCode"] = "370102", ["n"] = transitions }, $"crash-{transitions}", "crash-host");
    }
    else
    {
        var bookmark = open[random.Next(open.Count)];
        var review = bookmark.ActivityId == "review";
        var outcome = review ? new[] { "approve", "return", "reject" }[random.Next(3)] : "resubmit";
        await runtime.ResumeAsync(new ResumeRequest(bookmark.Id, "crash-host", outcome, review ? new JsonObject { ["opinion"] = $"第{transitions}次" } : null));
    }
    if (++transitions == 20) Console.WriteLine("running");
}
