using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Engine;
using Workflow.Engine.Execution;
using Workflow.Persistence;
using Workflow.Persistence.Definitions;
using Workflow.Persistence.Runtime;
using Workflow.Persistence.Storage;
using Workflow.Persistence.Stores;

// Runs transitions in a loop on the given database until it is killed. The crash tests kill it at random moments and check
// that the database holds only whole transitions. Each start also writes a domain row (as opening a founding request does) in
// the start's unit of work, and lingers after it, so kills land between the two writes too. With several writers, the loops run
// concurrently (on SQLite their transitions share the writer's commits) and each transition the runtime acknowledged is printed
// ("started <instance>", "resumed <bookmark>"), so the test can check that none of them is lost.
// Usage: Workflow.CrashHost <database file | PostgreSQL connection string> <definition file> <seed> [<writers>]
if (args.Length is not (3 or 4))
{
    Console.Error.WriteLine("usage: Workflow.CrashHost <database file | PostgreSQL connection string> <definition file> <seed> [<writers>]");
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
var seed = int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture);
var writers = args.Length == 4 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 1;
var transitions = 0;
await Task.WhenAll(Enumerable.Range(0, writers).Select(writer => Task.Run(() => WriteAsync(new Random(seed * 100 + writer)))));
return 0;

async Task WriteAsync(Random random)
{
    while (true)
    {
        List<BookmarkRow> open;
        await using (var db = await contexts.CreateDbContextAsync())
            open = await db.Bookmarks.AsNoTracking().Where(b => b.Kind == BookmarkKind.UserTask).Take(50).ToListAsync();
        if (open.Count < 10 || random.Next(4) == 0)
        {
            var started = await runtime.StartAsync(definition.DefinitionId, new JsonObject { ["regionCode"] = "370102", ["n"] = transitions }, $"crash-{transitions}", "crash-host",
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
            if (writers > 1) Console.WriteLine($"started {started.InstanceId}");
        }
        else
        {
            var bookmark = open[random.Next(open.Count)];
            var review = bookmark.ActivityId == "review";
            var outcome = review ? new[] { "approve", "return", "reject" }[random.Next(3)] : "resubmit";
            try
            {
                await runtime.ResumeAsync(new ResumeRequest(bookmark.Id, "crash-host", outcome, review ? new JsonObject { ["opinion"] = $"第{transitions}次" } : null));
                if (writers > 1) Console.WriteLine($"resumed {bookmark.Id}");
            }
            catch (WorkflowException) when (writers > 1)
            {
                // Another writer took the same task first (a conflict) or ended its instance: a refusal, not a crash.
            }
        }
        if (Interlocked.Increment(ref transitions) == 20) Console.WriteLine("running");
    }
}
