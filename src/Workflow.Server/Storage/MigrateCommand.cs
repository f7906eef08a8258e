using Microsoft.EntityFrameworkCore;
using Workflow.Persistence.Storage;
using Workflow.Server.Hosting;

namespace Workflow.Server.Storage;

/// <summary>
/// <c>migrate</c>: applies every context's pending migrations to the configured database and exits, for operators who migrate
/// before they start (or roll out) the service instead of at its start-up, which does the same.
/// </summary>
internal static class MigrateCommand
{
    public const string Verb = "migrate";

    public static async Task<int> RunAsync(IConfiguration configuration, TextWriter output, CancellationToken cancellationToken)
    {
        var server = ServerOptions.From(configuration);
        var storage = server.Storage;
        foreach (var context in StoreContext.All)
        {
            await using var db = context.Create(storage);
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            await db.MigrateWithWalAsync(cancellationToken);
            output.WriteLine(pending.Count == 0 ? $"{context.Name}: up to date" : $"{context.Name}: applied {string.Join(", ", pending)}");
        }
        return 0;
    }
}
