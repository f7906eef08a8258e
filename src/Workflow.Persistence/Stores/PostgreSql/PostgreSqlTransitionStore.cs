using System.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Workflow.Engine;
using Workflow.Engine.Execution;
using Workflow.Engine.Journal;
using Workflow.Persistence.Storage;

namespace Workflow.Persistence.Stores.PostgreSql;

/// <summary>
/// The transition store on PostgreSQL, for several nodes on one database. Each transition takes a pooled connection and a
/// READ COMMITTED transaction; no process-wide gate: concurrent transitions of different instances run side by side.
/// Columns are as the PostgreSQL migrations of <see cref="WorkflowDbContext"/> make them: GUIDs as <c>uuid</c>, times as UTC ticks
/// in <c>bigint</c> (the shared <see cref="StorageConventions"/>), enums by name.
/// </summary>
/// <remarks>
/// Concurrency: the instance row is the lock. Every statement that finds something an instance owns (a bookmark, a timer, an
/// incident) first locks that instance (<c>SELECT … FOR UPDATE</c>) and then reads the row again, so two transitions of one instance
/// queue on one lock, always taken first, and the second reads what the first committed: two resumes of one bookmark give one
/// transition and one <see cref="ConcurrencyConflictException"/> naming the first, a timer fires once. The revision check of
/// <see cref="UpdateInstance"/> stays as the last guard. A deadlock PostgreSQL breaks (a child and its parent moved from both ends at
/// once) is reported as a conflict too.
/// </remarks>
internal sealed class PostgreSqlTransitionStore(string connectionString) : TransitionStore
{
    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(connectionString);

    /// <summary>
    /// One transaction per transition, committed before the answer. No batching here: the server already flushes the WAL of
    /// concurrent commits together (docs/decisions/0004-group-commit.md has the measurement).
    /// </summary>
    internal override async Task<T> RunAsync<T>(Func<TransitionSession, Task<T>> transition, CancellationToken cancellationToken)
    {
        using var session = await BeginAsync(cancellationToken);
        var result = await transition(session);
        session.Commit();
        return result;
    }

    private async Task<PostgreSqlTransitionSession> BeginAsync(CancellationToken cancellationToken)
    {
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
            return new PostgreSqlTransitionSession(connection, transaction);
        }
        catch (NpgsqlException)
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _dataSource.Dispose();
            // The contexts' connections come from Npgsql's pool for the same connection string, which outlives the host: a host that
            // stops gives them back to the server (tests and the benchmarks start many hosts in one process).
            using var contexts = new NpgsqlConnection(connectionString);
            NpgsqlConnection.ClearPool(contexts);
        }
        base.Dispose(disposing);
    }
}

internal sealed class PostgreSqlTransitionSession(NpgsqlConnection connection, NpgsqlTransaction transaction) : TransitionSession
{
    private const string InstanceColumns = """
        "Id", "DefinitionId", "DefinitionVersion", "CorrelationId", "Status", "State", "Result", "Revision", "JournalLength", "JournalHead",
        "ParentInstanceId", "ParentBookmarkId", "CreatedAt", "UpdatedAt"
        """;

    private const string BookmarkColumns = """
        "Id", "InstanceId", "ActivityId", "Kind", "TokenId", "CreatedAt", "DueAt", "Role", "ApproverKind", "RegionCode", "Title", "ChildInstanceId", "HasTimers", "AssigneeUserId"
        """;

    private readonly HashSet<Guid> _locked = [];
    private bool _done;

    public override TransitionUnitOfWork UnitOfWork { get; } = new PostgreSqlUnitOfWork(connection, transaction);

    public override InstanceRow? FindInstance(Guid id)
    {
        using var command = Command($"""SELECT {InstanceColumns} FROM "instances" WHERE "Id" = @id FOR UPDATE""", ("id", id));
        using var reader = Execute(() => command.ExecuteReader());
        if (!reader.Read()) return null;
        _locked.Add(id);
        return new InstanceRow
        {
            Id = reader.GetGuid(0), DefinitionId = reader.GetString(1), DefinitionVersion = reader.GetInt32(2), CorrelationId = NullableString(reader, 3),
            Status = Enum.Parse<InstanceStatus>(reader.GetString(4)), State = reader.GetString(5), Result = NullableString(reader, 6), Revision = reader.GetInt32(7),
            JournalLength = reader.GetInt64(8), JournalHead = reader.GetString(9), ParentInstanceId = NullableGuid(reader, 10), ParentBookmarkId = NullableGuid(reader, 11),
            CreatedAt = Time(reader.GetInt64(12)), UpdatedAt = Time(reader.GetInt64(13)),
        };
    }

    public override void InsertInstance(InstanceRow row) => NonQuery($"""
        INSERT INTO "instances" ({InstanceColumns})
        VALUES (@id, @definition, @version, @correlation, @status, @state, @result, @revision, @length, @head, @parent, @parentBookmark, @created, @updated)
        """, ("id", row.Id), ("definition", row.DefinitionId), ("version", row.DefinitionVersion), ("correlation", row.CorrelationId),
        ("status", row.Status.ToString()), ("state", row.State), ("result", row.Result), ("revision", row.Revision), ("length", row.JournalLength),
        ("head", row.JournalHead), ("parent", row.ParentInstanceId), ("parentBookmark", row.ParentBookmarkId), ("created", row.CreatedAt.UtcTicks),
        ("updated", row.UpdatedAt.UtcTicks));

    public override bool UpdateInstance(InstanceRow row, int storedRevision) => NonQuery("""
        UPDATE "instances" SET "Status" = @status, "State" = @state, "Result" = @result, "Revision" = @revision, "JournalLength" = @length, "JournalHead" = @head,
                               "UpdatedAt" = @updated
        WHERE "Id" = @id AND "Revision" = @stored
        """, ("status", row.Status.ToString()), ("state", row.State), ("result", row.Result), ("revision", row.Revision), ("length", row.JournalLength),
        ("head", row.JournalHead), ("updated", row.UpdatedAt.UtcTicks), ("id", row.Id), ("stored", storedRevision)) == 1;

    public override void InsertJournal(JournalRow row) => NonQuery("""
        INSERT INTO "journal" ("InstanceId", "Sequence", "At", "Actor", "Kind", "ActivityId", "Outcome", "BookmarkId", "Data", "PreviousHash", "Hash", "Seal")
        VALUES (@instance, @sequence, @at, @actor, @kind, @activity, @outcome, @bookmark, @data, @previous, @hash, @seal)
        """, ("instance", row.InstanceId), ("sequence", row.Sequence), ("at", row.At.UtcTicks), ("actor", row.Actor), ("kind", row.Kind.ToString()),
        ("activity", row.ActivityId), ("outcome", row.Outcome), ("bookmark", row.BookmarkId), ("data", row.Data), ("previous", row.PreviousHash),
        ("hash", row.Hash), ("seal", row.Seal));

    public override (string Actor, DateTimeOffset At, JournalKind Kind)? FindClosing(Guid bookmarkId)
    {
        using var command = Command("""
            SELECT "Actor", "At", "Kind" FROM "journal"
            WHERE "BookmarkId" = @bookmark AND "Kind" IN ('Resumed', 'TimerFired', 'ChildFinished', 'BranchCancelled')
            LIMIT 1
            """, ("bookmark", bookmarkId));
        using var reader = Execute(() => command.ExecuteReader());
        return reader.Read() ? (reader.GetString(0), Time(reader.GetInt64(1)), Enum.Parse<JournalKind>(reader.GetString(2))) : null;
    }

    public override BookmarkRow? FindBookmark(Guid id)
    {
        var row = ReadBookmark(id);
        return row is null || !LockInstance(row.InstanceId) ? row : ReadBookmark(id);
    }

    public override void InsertBookmark(BookmarkRow row) => NonQuery($"""
        INSERT INTO "bookmarks" ({BookmarkColumns})
        VALUES (@id, @instance, @activity, @kind, @token, @created, @due, @role, @approverKind, @region, @title, @child, @hasTimers, @assignee)
        """, ("id", row.Id), ("instance", row.InstanceId), ("activity", row.ActivityId), ("kind", row.Kind.ToString()), ("token", row.TokenId),
        ("created", row.CreatedAt.UtcTicks), ("due", row.DueAt?.UtcTicks), ("role", row.Role), ("approverKind", row.ApproverKind), ("region", row.RegionCode),
        ("title", row.Title), ("child", row.ChildInstanceId), ("hasTimers", row.HasTimers), ("assignee", row.AssigneeUserId));

    public override void DeleteBookmark(Guid id) => NonQuery("""DELETE FROM "bookmarks" WHERE "Id" = @id""", ("id", id));

    public override void UpdateBookmarkDue(Guid id, DateTimeOffset dueAt) =>
        NonQuery("""UPDATE "bookmarks" SET "DueAt" = @due WHERE "Id" = @id""", ("id", id), ("due", dueAt.UtcTicks));

    public override TimerRow? FindTimer(string key)
    {
        var row = ReadTimers("""WHERE "Key" = @value""", key).FirstOrDefault();
        return row is null || !LockInstance(row.InstanceId) ? row : ReadTimers("""WHERE "Key" = @value""", key).FirstOrDefault();
    }

    public override List<string> DeleteTimersOf(Guid bookmarkId)
    {
        using var command = Command("""DELETE FROM "timers" WHERE "BookmarkId" = @bookmark RETURNING "Key" """, ("bookmark", bookmarkId));
        using var reader = Execute(() => command.ExecuteReader());
        var keys = new List<string>();
        while (reader.Read()) keys.Add(reader.GetString(0));
        return keys;
    }

    public override List<TimerRow> UnfiredTimersOf(Guid instanceId) => ReadTimers("""WHERE "InstanceId" = @value AND "FiredAt" IS NULL""", instanceId);

    public override void InsertTimer(TimerRow row) => NonQuery("""
        INSERT INTO "timers" ("Key", "InstanceId", "BookmarkId", "DueAt", "Purpose", "FiredAt") VALUES (@key, @instance, @bookmark, @due, @purpose, @fired)
        """, ("key", row.Key), ("instance", row.InstanceId), ("bookmark", row.BookmarkId), ("due", row.DueAt.UtcTicks), ("purpose", row.Purpose.ToString()),
        ("fired", row.FiredAt?.UtcTicks));

    public override bool MarkTimerFired(string key, DateTimeOffset at) =>
        NonQuery("""UPDATE "timers" SET "FiredAt" = @at WHERE "Key" = @key AND "FiredAt" IS NULL""", ("at", at.UtcTicks), ("key", key)) == 1;


    public override void InsertOutbox(OutboxRow row) => NonQuery("""
        INSERT INTO "outbox" ("Id", "InstanceId", "Message", "CreatedAt", "DispatchedAt") VALUES (@id, @instance, @message, @created, NULL)
        """, ("id", row.Id), ("instance", row.InstanceId), ("message", row.Message), ("created", row.CreatedAt.UtcTicks));

    public override void InsertIncident(IncidentRow row) => NonQuery("""
        INSERT INTO "incidents" ("Id", "InstanceId", "ActivityId", "Message", "Detail", "Event", "CreatedAt", "ResolvedAt", "ResolvedBy")
        VALUES (@id, @instance, @activity, @message, @detail, @event, @created, NULL, NULL)
        """, ("id", row.Id), ("instance", row.InstanceId), ("activity", row.ActivityId), ("message", row.Message), ("detail", row.Detail),
        ("event", row.Event), ("created", row.CreatedAt.UtcTicks));

    public override (Guid InstanceId, string? ActivityId, string Event)? FindOpenIncident(Guid id)
    {
        var found = ReadOpenIncident(id);
        return found is not { } incident || !LockInstance(incident.InstanceId) ? found : ReadOpenIncident(id);
    }

    public override void ResolveIncidents(Guid instanceId, DateTimeOffset at, string by) => NonQuery("""
        UPDATE "incidents" SET "ResolvedAt" = @at, "ResolvedBy" = @by WHERE "InstanceId" = @instance AND "ResolvedAt" IS NULL
        """, ("at", at.UtcTicks), ("by", by), ("instance", instanceId));

    public override int? LatestDefinitionVersion(string definitionId)
    {
        using var command = Command("""SELECT MAX("Version") FROM "definitions" WHERE "DefinitionId" = @id""", ("id", definitionId));
        return Execute(command.ExecuteScalar) is int version ? version : null;
    }

    public override void Commit()
    {
        _done = true;
        Execute(() =>
        {
            transaction.Commit();
            return 0;
        });
    }

    public override void Dispose()
    {
        try
        {
            if (!_done) transaction.Rollback();
        }
        catch (NpgsqlException)
        {
            // A broken connection rolls back on the server by itself; the pool discards it.
        }
        finally
        {
            transaction.Dispose();
            connection.Dispose();
        }
    }

    /// <summary>Locks an instance row for the rest of the transaction; true when this call took the lock (the caller reads again).</summary>
    private bool LockInstance(Guid id)
    {
        if (_locked.Contains(id)) return false;
        using var command = Command("""SELECT 1 FROM "instances" WHERE "Id" = @id FOR UPDATE""", ("id", id));
        Execute(command.ExecuteScalar);
        _locked.Add(id);
        return true;
    }

    private BookmarkRow? ReadBookmark(Guid id)
    {
        using var command = Command($"""SELECT {BookmarkColumns} FROM "bookmarks" WHERE "Id" = @id""", ("id", id));
        using var reader = Execute(() => command.ExecuteReader());
        if (!reader.Read()) return null;
        return new BookmarkRow
        {
            Id = reader.GetGuid(0), InstanceId = reader.GetGuid(1), ActivityId = reader.GetString(2), Kind = Enum.Parse<BookmarkKind>(reader.GetString(3)),
            TokenId = reader.GetString(4), CreatedAt = Time(reader.GetInt64(5)), DueAt = reader.IsDBNull(6) ? null : Time(reader.GetInt64(6)), Role = NullableString(reader, 7),
            ApproverKind = NullableString(reader, 8), RegionCode = NullableString(reader, 9), Title = NullableString(reader, 10), ChildInstanceId = NullableGuid(reader, 11),
            HasTimers = reader.GetBoolean(12), AssigneeUserId = NullableString(reader, 13),
        };
    }

    private (Guid InstanceId, string? ActivityId, string Event)? ReadOpenIncident(Guid id)
    {
        using var command = Command("""SELECT "InstanceId", "ActivityId", "Event" FROM "incidents" WHERE "Id" = @id AND "ResolvedAt" IS NULL""", ("id", id));
        using var reader = Execute(() => command.ExecuteReader());
        return reader.Read() ? (reader.GetGuid(0), NullableString(reader, 1), reader.GetString(2)) : null;
    }

    private List<TimerRow> ReadTimers(string where, object value)
    {
        using var command = Command($"""SELECT "Key", "InstanceId", "BookmarkId", "DueAt", "Purpose", "FiredAt" FROM "timers" {where}""", ("value", value));
        using var reader = Execute(() => command.ExecuteReader());
        var timers = new List<TimerRow>();
        while (reader.Read())
        {
            timers.Add(new TimerRow
            {
                Key = reader.GetString(0), InstanceId = reader.GetGuid(1), BookmarkId = reader.GetGuid(2), DueAt = Time(reader.GetInt64(3)),
                Purpose = Enum.Parse<TimerPurpose>(reader.GetString(4)), FiredAt = reader.IsDBNull(5) ? null : Time(reader.GetInt64(5)),
            });
        }
        return timers;
    }

    private int NonQuery(string sql, params ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        using var command = Command(sql, parameters);
        return Execute(command.ExecuteNonQuery);
    }

    private NpgsqlCommand Command(string sql, params ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        if (_done) throw new InvalidOperationException("the transition's transaction is over");
        var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var (name, value) in parameters)
            command.Parameters.Add(value is null ? new NpgsqlParameter(name, DBNull.Value) : new NpgsqlParameter(name, value));
        return command;
    }

    /// <summary>Runs a statement; a deadlock PostgreSQL broke, or a row another transaction wrote first, is the caller's conflict.</summary>
    private static T Execute<T>(Func<T> statement)
    {
        try
        {
            return statement();
        }
        catch (PostgresException error) when (error.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure
            or PostgresErrorCodes.UniqueViolation)
        {
            throw new ConcurrencyConflictException(Guid.Empty, null, null);
        }
    }

    private static DateTimeOffset Time(long utcTicks) => new(utcTicks, TimeSpan.Zero);

    private static string? NullableString(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static Guid? NullableGuid(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetGuid(ordinal);
}

/// <summary>The unit of work on PostgreSQL: contexts open on the transition's pooled connection, inside its transaction.</summary>
internal sealed class PostgreSqlUnitOfWork(NpgsqlConnection connection, NpgsqlTransaction transaction) : TransitionUnitOfWork(connection, transaction)
{
    public override string Store => "postgresql";

    public override object Column(Guid id) => id;

    protected internal override void UseConnection(DbContextOptionsBuilder options) => options.UseNpgsql(connection);
}
