using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;
using Workflow.Engine.Journal;
using Workflow.Persistence.Instances;
using Workflow.Persistence.Runtime;
using Workflow.Persistence.Storage;
using Workflow.Persistence.Storage.Copy;
using Workflow.Server.Engine;
using Workflow.Server.Hosting;

namespace Workflow.Server.Storage;

/// <summary>
/// <c>copy-to-postgresql --data &lt;folder&gt; --to "&lt;connection string&gt;"</c>: moves an embedded SQLite database into an empty
/// PostgreSQL database and checks the copy. It migrates the target, copies every table of the three contexts (one transaction per
/// context, all read from one SQLite snapshot), compares row counts table by table and re-verifies every instance's journal chain,
/// seals included, on PostgreSQL with the journal key the embedded service used. Hangfire's tables are not copied: a service
/// starting on the copy re-schedules every timer, reminder and pending delivery from the database.
/// </summary>
internal static class CopyToPostgreSql
{
    public const string Verb = "copy-to-postgresql";

    /// <summary>Nothing was copied: bad arguments, no source, a source on an older schema, or a target that is not empty.</summary>
    public const int Refused = 2;

    /// <summary>The copy finished but does not match its source (counts or journal chains).</summary>
    public const int Mismatch = 1;

    public static async Task<int> RunAsync(IConfiguration configuration, TextWriter output, CancellationToken cancellationToken)
    {
        var server = ServerOptions.From(configuration);
        if (configuration["to"] is not { Length: > 0 } to)
            return Refuse(output, $"usage: {Verb} --data <folder> --to \"Host=…;Database=…;Username=…;Password=…\"");
        if (!File.Exists(server.DatabaseFile)) return Refuse(output, $"no SQLite database at {server.DatabaseFile} (--data names the service's data folder)");
        var source = WorkflowStorage.Sqlite(server.DatabaseFile);
        var target = WorkflowStorage.PostgreSql(to);
        var (key, keyFrom) = JournalKeys.Existing(configuration, server);
        output.WriteLine($"{Verb}: {server.DatabaseFile} → {Redacted(to)}");

        foreach (var context in StoreContext.All)
        {
            await using var db = context.Create(source);
            if ((await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
                return Refuse(output, $"the SQLite database's {context.Name} tables are not at this version's schema: run `migrate --data {server.DataFolder}` (or start the service on it once) first");
        }
        try
        {
            var filled = await PostgreSqlTarget.TablesWithRowsAsync(to, cancellationToken);
            if (filled.Count > 0)
                return Refuse(output, $"the target database is not empty ({string.Join(", ", filled.Take(5))}{(filled.Count > 5 ? ", …" : "")} hold rows): copy only into a new, empty database");
        }
        catch (NpgsqlException error)
        {
            return Refuse(output, $"cannot reach the target database: {error.Message}");
        }

        var counts = await CopyAsync(source, target, cancellationToken);
        var journals = await VerifyJournalsAsync(source, target, key, cancellationToken);
        return CopyReport.Write(output, counts, journals, keyFrom) ? 0 : Mismatch;
    }

    /// <summary>Migrates the target, then copies context by context from one read transaction on the SQLite file, so the copy is one moment of it.</summary>
    private static async Task<List<TableCount>> CopyAsync(WorkflowStorage source, WorkflowStorage target, CancellationToken cancellationToken)
    {
        foreach (var context in StoreContext.All)
        {
            await using var db = context.Create(target);
            await db.Database.MigrateAsync(cancellationToken);
        }
        await using var connection = new SqliteConnection(source.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var snapshot = connection.BeginTransaction(deferred: true);
        var counts = new List<TableCount>();
        foreach (var context in StoreContext.All)
        {
            await using var from = context.Create(source);
            from.Database.SetDbConnection(connection);
            await from.Database.UseTransactionAsync(snapshot, cancellationToken);
            await using (var into = context.Create(target)) await TableCopy.CopyAsync(from, into, cancellationToken);
            await using var check = context.Create(target);
            foreach (var table in TableCopy.Tables(check.Model))
            {
                var read = from.Model.FindEntityType(table.ClrType)!;
                counts.Add(new TableCount(context.Name, table.GetTableName()!, await TableCopy.CountAsync(from, read, cancellationToken), await TableCopy.CountAsync(check, table, cancellationToken)));
            }
        }
        return counts;
    }

    /// <summary>Every chain on PostgreSQL; a broken one is looked up in the source too, to tell damage copied from damage made by the copy.</summary>
    private static async Task<List<CopiedJournal>> VerifyJournalsAsync(WorkflowStorage source, WorkflowStorage target, JournalKey key, CancellationToken cancellationToken)
    {
        var copied = new InstanceQueries(new PooledDbContextFactory<WorkflowDbContext>(StoreContext.Options<WorkflowDbContext>(target, null)), key);
        var original = new InstanceQueries(new PooledDbContextFactory<WorkflowDbContext>(StoreContext.Options<WorkflowDbContext>(source, null)), key);
        var journals = new List<CopiedJournal>();
        await foreach (var verification in copied.VerifyAllJournalsAsync(cancellationToken))
            journals.Add(new CopiedJournal(verification, verification.Valid ? null : await original.VerifyJournalAsync(verification.InstanceId, cancellationToken)));
        return journals;
    }

    private static int Refuse(TextWriter output, string message)
    {
        output.WriteLine($"{Verb}: {message}");
        return Refused;
    }

    private static string Redacted(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Password = null };
        return builder.ToString();
    }
}

/// <summary>One instance's chain verified on the copy, and on the source when the copy's does not verify.</summary>
internal sealed record CopiedJournal(JournalVerification Copy, JournalVerification? Source);
