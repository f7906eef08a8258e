using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Workflow.Persistence.Stores;
using Workflow.Server.Storage;

namespace Workflow.Server.Tasks;

/// <summary>
/// A task's claim, read and cleared on the deciding transition's own connection and transaction: the claim goes with the decision
/// or stays with it, and a decision opens no connection of its own. Issue 15's profile found the claim read on a pooled connection
/// of its own cost more than the transition. Each connection keeps its two commands, so SQLite's writer prepares them once.
/// </summary>
public sealed class TransitionClaims(IDbContextFactory<ServiceDbContext> service)
{
    private readonly ConditionalWeakTable<DbConnection, Commands> _commands = [];
    private Statements? _statements;

    public TaskClaimRow? Find(TransitionUnitOfWork work, Guid id)
    {
        using var reader = Bind(CommandsOf(work).Find, work, id).ExecuteReader();
        if (!reader.Read()) return null;
        return new TaskClaimRow
        {
            BookmarkId = id, AssigneeId = reader.GetGuid(0), AssigneeName = reader.GetString(1), ClaimedAt = new DateTimeOffset(reader.GetInt64(2), TimeSpan.Zero),
            DelegatedBy = reader.IsDBNull(3) ? null : reader.GetString(3), Note = reader.IsDBNull(4) ? null : reader.GetString(4),
        };
    }

    public void Clear(TransitionUnitOfWork work, Guid id) => Bind(CommandsOf(work).Clear, work, id).ExecuteNonQuery();

    private static DbCommand Bind(DbCommand command, TransitionUnitOfWork work, Guid id)
    {
        command.Transaction = work.Transaction;
        command.Parameters[0].Value = work.Column(id);
        return command;
    }

    private Commands CommandsOf(TransitionUnitOfWork work) =>
        _commands.GetValue(work.Connection, connection => new Commands(Command(connection, SqlOf().Find), Command(connection, SqlOf().Clear)));

    private static DbCommand Command(DbConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        var id = command.CreateParameter();
        id.ParameterName = "@id";
        command.Parameters.Add(id);
        return command;
    }

    private Statements SqlOf()
    {
        if (_statements is { } known) return known;
        using var db = service.CreateDbContext();
        var claims = new ClaimTable(db);
        var columns = string.Join(", ", new[] { nameof(TaskClaimRow.AssigneeId), nameof(TaskClaimRow.AssigneeName), nameof(TaskClaimRow.ClaimedAt),
            nameof(TaskClaimRow.DelegatedBy), nameof(TaskClaimRow.Note) }.Select(claims.Column));
        var key = claims.Column(nameof(TaskClaimRow.BookmarkId));
        return _statements = new Statements($"SELECT {columns} FROM {claims.Name} WHERE {key} = @id", $"DELETE FROM {claims.Name} WHERE {key} = @id");
    }

    private sealed record Statements(string Find, string Clear);

    private sealed record Commands(DbCommand Find, DbCommand Clear);
}
