using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Workflow.Persistence.Storage;
using Workflow.Persistence.Stores;

namespace Workflow.Engine.Tests.Support;

/// <summary>
/// A domain table of the test's own beside the engine's, written through the runtime's unit of work as a host's domain would
/// (a founding request that starts its instance), in SQL both stores' databases read alike.
/// </summary>
public static class DomainRows
{
    public static async Task CreateTableAsync(IDbContextFactory<WorkflowDbContext> contexts)
    {
        await using var db = await contexts.CreateDbContextAsync();
        await db.Database.ExecuteSqlRawAsync("""CREATE TABLE IF NOT EXISTS "test_requests" ("Id" text PRIMARY KEY, "InstanceId" text NOT NULL)""");
    }

    public static async Task InsertAsync(IActionUnitOfWork unitOfWork, Guid id, Guid instanceId, CancellationToken cancellationToken = default)
    {
        var work = (TransitionUnitOfWork)unitOfWork;
        await using var command = work.Connection.CreateCommand();
        command.Transaction = work.Transaction;
        command.CommandText = """INSERT INTO "test_requests" ("Id", "InstanceId") VALUES (@id, @instance)""";
        Add(command, "@id", id.ToString());
        Add(command, "@instance", instanceId.ToString());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task<long> CountAsync(IActionUnitOfWork unitOfWork, CancellationToken cancellationToken = default)
    {
        var work = (TransitionUnitOfWork)unitOfWork;
        await using var command = work.Connection.CreateCommand();
        command.Transaction = work.Transaction;
        command.CommandText = """SELECT COUNT(*) FROM "test_requests" """;
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Every committed row: request id → instance id.</summary>
    public static async Task<Dictionary<Guid, Guid>> ReadAsync(IDbContextFactory<WorkflowDbContext> contexts)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """SELECT "Id", "InstanceId" FROM "test_requests" """;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new Dictionary<Guid, Guid>();
        while (await reader.ReadAsync()) rows[Guid.Parse(reader.GetString(0))] = Guid.Parse(reader.GetString(1));
        return rows;
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}

/// <summary>An action that counts the domain rows its unit of work sees, and inserts one when the definition's settings ask.</summary>
public sealed class UnitOfWorkAction : IActionHandler
{
    public string Name => "test.unitOfWork";

    public bool FailAfterWrite { get; set; }

    public async Task<ActionResult> ExecuteAsync(ActionContext context, CancellationToken cancellationToken)
    {
        await DomainRows.InsertAsync(context.UnitOfWork, Guid.NewGuid(), context.InstanceId, cancellationToken);
        if (FailAfterWrite) throw new InvalidOperationException("the domain refused after writing");
        return ActionResult.Done(new System.Text.Json.Nodes.JsonObject { ["seen"] = await DomainRows.CountAsync(context.UnitOfWork, cancellationToken) });
    }
}
