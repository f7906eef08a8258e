using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Engine.Execution;
using Workflow.Persistence;
using Workflow.Persistence.Definitions;
using Workflow.Persistence.Runtime;
using Workflow.Persistence.Storage;
using Workflow.Persistence.Stores;

// Runs transitions in a loop on the given SQLite file until it is killed. The crash test kills it at random
// moments and checks that the file holds only whole transitions. Each start also writes a domain row (as opening a
// founding request does) in the start's unit of work, and lingers after it, so kills land between the two writes too.
// Usage: Workflow.CrashHost <database file | PostgreSQL connection string> <definition file> <seed>
if (args.Length != 3)
{
    Console.Error.WriteLine("usage: Workflow.CrashHost <database file | PostgreSQL connection string> <definition file> <seed>");
    return 2;
}
var storage = args[0].StartsWith("Host=", StringComparison.Ordinal) ? WorkflowStorage.PostgreSql(args[0]) : WorkflowStorage.Sqlite(args[0]);
var services = new ServiceCollection().AddLogging().AddWorkflowEngine(storage).BuildServiceProvider();
await services.GetRequiredService<DatabaseSetup>().MigrateAsync();
var definition = await services.GetRequiredService<DefinitionStore>().PublishAsync(await File.ReadAllTextAsync(args[1]), args[1], "crash-host");
var runtime = services.GetRequiredService<WorkflowRuntime>();
var contexts = services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>();
await using (var db = await contexts.CreateDbContextAsync())
    await db.Database.ExecuteSqlRawAsync("""CREATE TABLE IF NOT EXISTS "test_requests" ("Id" text PRIMARY KEY, "InstanceId" text NOT NULL)""");
var random = new Random(int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture));
var transitions = 0;
while (true)
{
    List<BookmarkRow> open;
    await using (var db = await contexts.CreateDbContextAsync())
        open = await db.Bookmarks.AsNoTracking().Where(b => b.Kind == BookmarkKind.UserTask).Take(50).ToListAsync();
    if (open.Count < 10 || random.Next(4) == 0)
    {
        await runtime.StartAsync(definition.DefinitionId, new JsonObject { ["regionCode"] = "370102", ["n"] = transitions }, $"crash-{transitions}", "crash-host",
            async (instanceId, unitOfWork, ct) =>
            {
                var work = (TransitionUnitOfWork)unitOfWork;
                await using var command = work.Connection.CreateCommand();
                command.Transaction = work.Transaction;
                command.CommandText = """INSERT INTO "test_requests" ("Id", "InstanceId") VALUES (@id, @instance)""";
                foreach (var (name, value) in new[] { ("@id", Guid.NewGuid().ToString()), ("@instance", instanceId.ToString()) })
                {
                    var parameter = command.CreateParameter();
                    parameter.ParameterName = name;
                    parameter.Value = value;
                    command.Parameters.Add(parameter);
                }
                await command.ExecuteNonQueryAsync(ct);
                await Task.Delay(random.Next(3), ct);
            });
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
