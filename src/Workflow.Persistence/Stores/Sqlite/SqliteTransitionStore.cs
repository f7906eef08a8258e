using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Workflow.Engine;
using Workflow.Engine.Execution;
using Workflow.Engine.Journal;
using Workflow.Persistence.Storage;

namespace Workflow.Persistence.Stores.Sqlite;

/// <summary>
/// The transition store on SQLite: its statements prepared once on one writer connection. EF Core's change tracking and command
/// building cost several times the row work itself, and a transition is the engine's hot path. GUIDs are upper-case text, times
/// UTC ticks, enums by name, as EF Core writes them here. One writer per process is what SQLite allows anyway: a transaction
/// begins only inside the <see cref="WriteGate"/>, which federation writes on the same file queue on too.
/// Microsoft.Data.Sqlite does no asynchronous I/O (its async methods complete synchronously), so the statements are synchronous.
/// </summary>
/// <remarks>
/// Group commit: a commit costs one fsync however many transitions it holds, and with synchronous=FULL the fsync is most of a
/// transition's time. Transitions that queue while the writer is busy are written in its next transaction, each behind a savepoint (a lone one needs none):
/// one that fails (a conflict, a faulting handler, a refused write) rolls back to its savepoint alone and its batch-mates commit.
/// Two transitions of one instance in a batch chain like any two in a row, the second reading what the first wrote.
/// </remarks>
internal sealed class SqliteTransitionStore : TransitionStore
{
    /// <summary>SQLITE_ABORT: the transaction was rolled back.</summary>
    private const int TransactionAborted = 4;

    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);
    private readonly string _connectionString;
    private readonly WriteGate _gate;
    private readonly WriterConnectionHook? _hook;
    private SqliteConnection? _connection;

    public SqliteTransitionStore(string connectionString, WriteGate gate, WriterConnectionHook? hook = null)
    {
        (_connectionString, _gate, _hook) = (connectionString, gate, hook);
        Queue = new GroupCommit(WriteBatchAsync);
    }

    internal GroupCommit Queue { get; }

    internal override Task<T> RunAsync<T>(Func<TransitionSession, Task<T>> transition, CancellationToken cancellationToken) =>
        Queue.RunAsync(transition, cancellationToken);

    /// <summary>
    /// Writes a batch in one transaction (BEGIN IMMEDIATE: the write lock is taken before anything is read), then answers each
    /// transition: those that rolled back with their own error once the batch is over, the rest once the commit is durable. When
    /// SQLite itself gives up the transaction (a full disk, an I/O error) or the commit fails, nothing of the batch is on disk and
    /// every transition in it fails with that error.
    /// </summary>
    private async Task WriteBatchAsync(IReadOnlyList<QueuedTransition> batch)
    {
        var failures = new Exception?[batch.Count];
        using (await _gate.EnterAsync(CancellationToken.None))
        {
            SqliteTransaction transaction;
            try
            {
                var connection = Connection();
                _hook?.BeforeTransaction(connection);
                transaction = connection.BeginTransaction(deferred: false);
            }
            catch (SqliteException)
            {
                Reset();
                throw;
            }
            var committed = false;
            try
            {
                for (var i = 0; i < batch.Count; i++)
                {
                    if (batch[i].CancellationToken.IsCancellationRequested)
                    {
                        failures[i] = new OperationCanceledException(batch[i].CancellationToken);
                        continue;
                    }
                    failures[i] = await WriteOneAsync(batch[i], transaction, alone: batch.Count == 1);
                }
                // A lone transition has no savepoint to roll back to: when it failed, rolling the transaction back (finally) undoes it.
                if (batch.Count > 1 || failures[0] is null)
                {
                    transaction.Commit();
                    committed = true;
                }
            }
            catch (Exception ex) when (ex is SqliteException or InvalidOperationException)
            {
                // A failed commit, or a transaction SQLite gave up (Microsoft.Data.Sqlite reports it completed): open anew next time.
                Reset();
                throw;
            }
            finally
            {
                if (!committed) RollBack(transaction);
            }
        }
        for (var i = 0; i < batch.Count; i++)
        {
            if (failures[i] is { } failure) batch[i].Fail(failure);
            else batch[i].Succeed();
        }
    }

    /// <summary>
    /// One transition behind its savepoint: null when it wrote, else its error once its writes are rolled back. A transition
    /// <paramref name="alone"/> in its batch takes no savepoint (two statements fewer on the writer): the batch's caller rolls the
    /// whole transaction back when it fails.
    /// </summary>
    /// <exception cref="SqliteException">SQLite gave the whole transaction up: the batch is lost.</exception>
    private async Task<Exception?> WriteOneAsync(QueuedTransition transition, SqliteTransaction transaction, bool alone)
    {
        var session = new SqliteTransitionSession(this, transaction, savepoint: !alone);
        try
        {
            await transition.RunAsync(session);
            session.Commit();
            return null;
        }
        catch (Exception ex)
        {
            try
            {
                session.Dispose();
            }
            catch (Exception lost) when (lost is SqliteException or InvalidOperationException)
            {
                // After some errors (a full disk, an I/O error) SQLite rolls the whole transaction back, savepoints and all, and
                // Microsoft.Data.Sqlite then calls the transaction completed. This transition learns its own error; its batch-mates
                // learn the database's, with nothing of theirs on disk.
                transition.Fail(ex);
                throw StorageErrors.Find(ex) ?? new SqliteException($"SQLite rolled the batch's transaction back: {lost.Message}", TransactionAborted);
            }
            return ex;
        }
    }

    private void RollBack(SqliteTransaction transaction)
    {
        try
        {
            transaction.Dispose();
        }
        catch (SqliteException)
        {
            // The connection is unusable (the file went away, the disk failed): open a new one next time.
            Reset();
        }
    }

    protected override void Dispose(bool disposing)
    {
        Reset();
        base.Dispose(disposing);
    }

    /// <summary>The command for <paramref name="sql"/>, created once per connection so SQLite keeps its prepared statement.</summary>
    internal SqliteCommand Command(string sql)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = Connection().CreateCommand();
            command.CommandText = sql;
            _commands[sql] = command;
        }
        return command;
    }

    /// <summary>Drops the connection after a failure (the file went away, the disk failed): the next transaction opens a new one.</summary>
    internal void Reset()
    {
        foreach (var command in _commands.Values) command.Dispose();
        _commands.Clear();
        _connection?.Dispose();
        _connection = null;
    }

    private SqliteConnection Connection()
    {
        if (_connection is not null) return _connection;
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using (var pragmas = connection.CreateCommand())
        {
            pragmas.CommandText = SqliteDurability.Pragmas;
            pragmas.ExecuteNonQuery();
        }
        return _connection = connection;
    }
}

/// <summary>
/// One transition inside its batch's transaction on the store's writer connection, behind a savepoint of its own: <see cref="Commit"/>
/// releases it into the batch, <see cref="Dispose"/> without it rolls back to it. The batch's commit makes it durable.
/// </summary>
internal sealed class SqliteTransitionSession : TransitionSession
{
    private readonly SqliteTransitionStore _store;
    private readonly bool _savepoint;
    private SqliteTransaction? _transaction;

    /// <param name="savepoint">False for a transition alone in its transaction: rolling the transaction back undoes it.</param>
    public SqliteTransitionSession(SqliteTransitionStore store, SqliteTransaction transaction, bool savepoint)
    {
        (_store, _transaction, _savepoint) = (store, transaction, savepoint);
        UnitOfWork = new SqliteUnitOfWork(transaction.Connection!, transaction);
        if (savepoint) Run("""SAVEPOINT "transition" """).ExecuteNonQuery();
    }

    public override TransitionUnitOfWork UnitOfWork { get; }

    public override InstanceRow? FindInstance(Guid id)
    {
        using var reader = Run("""
            SELECT "Id", "DefinitionId", "DefinitionVersion", "CorrelationId", "Status", "State", "Result", "Revision", "JournalLength", "JournalHead",
                   "ParentInstanceId", "ParentBookmarkId", "CreatedAt", "UpdatedAt"
            FROM "instances" WHERE "Id" = @id
            """, ("@id", Text(id))).ExecuteReader();
        if (!reader.Read()) return null;
        return new InstanceRow
        {
            Id = Guid.Parse(reader.GetString(0)), DefinitionId = reader.GetString(1), DefinitionVersion = reader.GetInt32(2), CorrelationId = NullableString(reader, 3),
            Status = Enum.Parse<InstanceStatus>(reader.GetString(4)), State = reader.GetString(5), Result = NullableString(reader, 6), Revision = reader.GetInt32(7),
            JournalLength = reader.GetInt64(8), JournalHead = reader.GetString(9), ParentInstanceId = NullableGuid(reader, 10), ParentBookmarkId = NullableGuid(reader, 11),
            CreatedAt = Time(reader.GetInt64(12)), UpdatedAt = Time(reader.GetInt64(13)),
        };
    }

    public override void InsertInstance(InstanceRow row) => Run("""
        INSERT INTO "instances" ("Id", "DefinitionId", "DefinitionVersion", "CorrelationId", "Status", "State", "Result", "Revision", "JournalLength", "JournalHead",
                                 "ParentInstanceId", "ParentBookmarkId", "CreatedAt", "UpdatedAt")
        VALUES (@id, @definition, @version, @correlation, @status, @state, @result, @revision, @length, @head, @parent, @parentBookmark, @created, @updated)
        """, ("@id", Text(row.Id)), ("@definition", row.DefinitionId), ("@version", row.DefinitionVersion), ("@correlation", row.CorrelationId),
        ("@status", row.Status.ToString()), ("@state", row.State), ("@result", row.Result), ("@revision", row.Revision), ("@length", row.JournalLength),
        ("@head", row.JournalHead), ("@parent", Text(row.ParentInstanceId)), ("@parentBookmark", Text(row.ParentBookmarkId)), ("@created", row.CreatedAt.UtcTicks),
        ("@updated", row.UpdatedAt.UtcTicks)).ExecuteNonQuery();

    /// <summary>Writes the row's changing columns if its revision in the database is still <paramref name="storedRevision"/>.</summary>
    public override bool UpdateInstance(InstanceRow row, int storedRevision) => Run("""
        UPDATE "instances" SET "Status" = @status, "State" = @state, "Result" = @result, "Revision" = @revision, "JournalLength" = @length, "JournalHead" = @head,
                               "UpdatedAt" = @updated
        WHERE "Id" = @id AND "Revision" = @stored
        """, ("@status", row.Status.ToString()), ("@state", row.State), ("@result", row.Result), ("@revision", row.Revision), ("@length", row.JournalLength),
        ("@head", row.JournalHead), ("@updated", row.UpdatedAt.UtcTicks), ("@id", Text(row.Id)), ("@stored", storedRevision)).ExecuteNonQuery() == 1;

    public override void InsertJournal(JournalRow row) => Run("""
        INSERT INTO "journal" ("InstanceId", "Sequence", "At", "Actor", "Kind", "ActivityId", "Outcome", "BookmarkId", "Data", "PreviousHash", "Hash", "Seal")
        VALUES (@instance, @sequence, @at, @actor, @kind, @activity, @outcome, @bookmark, @data, @previous, @hash, @seal)
        """, ("@instance", Text(row.InstanceId)), ("@sequence", row.Sequence), ("@at", row.At.UtcTicks), ("@actor", row.Actor), ("@kind", row.Kind.ToString()),
        ("@activity", row.ActivityId), ("@outcome", row.Outcome), ("@bookmark", Text(row.BookmarkId)), ("@data", row.Data), ("@previous", row.PreviousHash),
        ("@hash", row.Hash), ("@seal", row.Seal)).ExecuteNonQuery();

    /// <summary>The journal row that closed a bookmark by resuming or cancelling it, to tell a late caller who was first.</summary>
    public override (string Actor, DateTimeOffset At, JournalKind Kind)? FindClosing(Guid bookmarkId)
    {
        using var reader = Run("""
            SELECT "Actor", "At", "Kind" FROM "journal"
            WHERE "BookmarkId" = @bookmark AND "Kind" IN ('Resumed', 'TimerFired', 'ChildFinished', 'BranchCancelled')
            LIMIT 1
            """, ("@bookmark", Text(bookmarkId))).ExecuteReader();
        return reader.Read() ? (reader.GetString(0), Time(reader.GetInt64(1)), Enum.Parse<JournalKind>(reader.GetString(2))) : null;
    }

    public override BookmarkRow? FindBookmark(Guid id)
    {
        using var reader = Run("""
            SELECT "Id", "InstanceId", "ActivityId", "Kind", "TokenId", "CreatedAt", "DueAt", "Role", "ApproverKind", "RegionCode", "Title", "ChildInstanceId", "HasTimers", "AssigneeUserId"
            FROM "bookmarks" WHERE "Id" = @id
            """, ("@id", Text(id))).ExecuteReader();
        if (!reader.Read()) return null;
        return new BookmarkRow
        {
            Id = Guid.Parse(reader.GetString(0)), InstanceId = Guid.Parse(reader.GetString(1)), ActivityId = reader.GetString(2), Kind = Enum.Parse<BookmarkKind>(reader.GetString(3)),
            TokenId = reader.GetString(4), CreatedAt = Time(reader.GetInt64(5)), DueAt = reader.IsDBNull(6) ? null : Time(reader.GetInt64(6)), Role = NullableString(reader, 7),
            ApproverKind = NullableString(reader, 8), RegionCode = NullableString(reader, 9), Title = NullableString(reader, 10), ChildInstanceId = NullableGuid(reader, 11),
            HasTimers = reader.GetBoolean(12), AssigneeUserId = NullableString(reader, 13),
        };
    }

    public override void InsertBookmark(BookmarkRow row) => Run("""
        INSERT INTO "bookmarks" ("Id", "InstanceId", "ActivityId", "Kind", "TokenId", "CreatedAt", "DueAt", "Role", "ApproverKind", "RegionCode", "Title", "ChildInstanceId", "HasTimers", "AssigneeUserId")
        VALUES (@id, @instance, @activity, @kind, @token, @created, @due, @role, @approverKind, @region, @title, @child, @hasTimers, @assignee)
        """, ("@id", Text(row.Id)), ("@instance", Text(row.InstanceId)), ("@activity", row.ActivityId), ("@kind", row.Kind.ToString()), ("@token", row.TokenId),
        ("@created", row.CreatedAt.UtcTicks), ("@due", row.DueAt?.UtcTicks), ("@role", row.Role), ("@approverKind", row.ApproverKind), ("@region", row.RegionCode),
        ("@title", row.Title), ("@child", Text(row.ChildInstanceId)), ("@hasTimers", row.HasTimers), ("@assignee", row.AssigneeUserId)).ExecuteNonQuery();

    public override void DeleteBookmark(Guid id) => Run("""DELETE FROM "bookmarks" WHERE "Id" = @id""", ("@id", Text(id))).ExecuteNonQuery();

    public override void UpdateBookmarkDue(Guid id, DateTimeOffset dueAt) =>
        Run("""UPDATE "bookmarks" SET "DueAt" = @due WHERE "Id" = @id""", ("@id", Text(id)), ("@due", dueAt.UtcTicks)).ExecuteNonQuery();

    public override TimerRow? FindTimer(string key) => ReadTimers("""WHERE "Key" = @value""", key).FirstOrDefault();

    /// <summary>The timers of a bookmark, including those written earlier in this transaction.</summary>
    // One statement instead of a read and a delete per timer: closing a task is the hot path, and each statement costs the writer.
    public override List<string> DeleteTimersOf(Guid bookmarkId)
    {
        using var reader = Run("""DELETE FROM "timers" WHERE "BookmarkId" = @bookmark RETURNING "Key" """, ("@bookmark", Text(bookmarkId))).ExecuteReader();
        var keys = new List<string>();
        while (reader.Read()) keys.Add(reader.GetString(0));
        return keys;
    }

    public override List<TimerRow> UnfiredTimersOf(Guid instanceId) => ReadTimers("""WHERE "InstanceId" = @value AND "FiredAt" IS NULL""", Text(instanceId));

    public override void InsertTimer(TimerRow row) => Run("""
        INSERT INTO "timers" ("Key", "InstanceId", "BookmarkId", "DueAt", "Purpose", "FiredAt") VALUES (@key, @instance, @bookmark, @due, @purpose, @fired)
        """, ("@key", row.Key), ("@instance", Text(row.InstanceId)), ("@bookmark", Text(row.BookmarkId)), ("@due", row.DueAt.UtcTicks), ("@purpose", row.Purpose.ToString()),
        ("@fired", row.FiredAt?.UtcTicks)).ExecuteNonQuery();

    public override bool MarkTimerFired(string key, DateTimeOffset at) =>
        Run("""UPDATE "timers" SET "FiredAt" = @at WHERE "Key" = @key AND "FiredAt" IS NULL""", ("@at", at.UtcTicks), ("@key", key)).ExecuteNonQuery() == 1;


    public override void InsertOutbox(OutboxRow row) => Run("""
        INSERT INTO "outbox" ("Id", "InstanceId", "Message", "CreatedAt", "DispatchedAt") VALUES (@id, @instance, @message, @created, NULL)
        """, ("@id", Text(row.Id)), ("@instance", Text(row.InstanceId)), ("@message", row.Message), ("@created", row.CreatedAt.UtcTicks)).ExecuteNonQuery();

    public override void InsertIncident(IncidentRow row) => Run("""
        INSERT INTO "incidents" ("Id", "InstanceId", "ActivityId", "Message", "Detail", "Event", "CreatedAt", "ResolvedAt", "ResolvedBy")
        VALUES (@id, @instance, @activity, @message, @detail, @event, @created, NULL, NULL)
        """, ("@id", Text(row.Id)), ("@instance", Text(row.InstanceId)), ("@activity", row.ActivityId), ("@message", row.Message), ("@detail", row.Detail),
        ("@event", row.Event), ("@created", row.CreatedAt.UtcTicks)).ExecuteNonQuery();

    /// <summary>An incident that is still open, with what a retry needs: its instance, activity and failed event.</summary>
    public override (Guid InstanceId, string? ActivityId, string Event)? FindOpenIncident(Guid id)
    {
        using var reader = Run("""SELECT "InstanceId", "ActivityId", "Event" FROM "incidents" WHERE "Id" = @id AND "ResolvedAt" IS NULL""", ("@id", Text(id))).ExecuteReader();
        return reader.Read() ? (Guid.Parse(reader.GetString(0)), NullableString(reader, 1), reader.GetString(2)) : null;
    }

    public override void ResolveIncidents(Guid instanceId, DateTimeOffset at, string by) => Run("""
        UPDATE "incidents" SET "ResolvedAt" = @at, "ResolvedBy" = @by WHERE "InstanceId" = @instance AND "ResolvedAt" IS NULL
        """, ("@at", at.UtcTicks), ("@by", by), ("@instance", Text(instanceId))).ExecuteNonQuery();

    public override int? LatestDefinitionVersion(string definitionId) =>
        Run("""SELECT MAX("Version") FROM "definitions" WHERE "DefinitionId" = @id""", ("@id", definitionId)).ExecuteScalar() is long version ? (int)version : null;

    public override void Commit()
    {
        if (_savepoint) Run("""RELEASE "transition" """).ExecuteNonQuery();
        _transaction = null;
    }

    /// <exception cref="SqliteException">The savepoint is gone: SQLite rolled the whole transaction back.</exception>
    /// <exception cref="InvalidOperationException">The same, as Microsoft.Data.Sqlite reports it once it noticed.</exception>
    public override void Dispose()
    {
        if (_transaction is null) return;
        if (!_savepoint)
        {
            _transaction = null;
            return;
        }
        try
        {
            // ROLLBACK TO keeps the savepoint (and drops any a handler's context left inside it); RELEASE then ends it.
            Run("""ROLLBACK TO "transition" """).ExecuteNonQuery();
            Run("""RELEASE "transition" """).ExecuteNonQuery();
        }
        finally
        {
            _transaction = null;
        }
    }

    private SqliteTransaction Open() => _transaction ?? throw new InvalidOperationException("the transition's transaction is over");

    private SqliteCommand Run(string sql, params ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        var command = _store.Command(sql);
        command.Transaction = Open();
        command.Parameters.Clear();
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }

    private List<TimerRow> ReadTimers(string where, string value)
    {
        using var reader = Run($"""SELECT "Key", "InstanceId", "BookmarkId", "DueAt", "Purpose", "FiredAt" FROM "timers" {where}""", ("@value", value)).ExecuteReader();
        var timers = new List<TimerRow>();
        while (reader.Read())
        {
            timers.Add(new TimerRow
            {
                Key = reader.GetString(0), InstanceId = Guid.Parse(reader.GetString(1)), BookmarkId = Guid.Parse(reader.GetString(2)), DueAt = Time(reader.GetInt64(3)),
                Purpose = Enum.Parse<TimerPurpose>(reader.GetString(4)), FiredAt = reader.IsDBNull(5) ? null : Time(reader.GetInt64(5)),
            });
        }
        return timers;
    }

    // EF Core's encodings for SQLite, which the rest of the persistence layer reads.
    internal static string Text(Guid id) => id.ToString("D", CultureInfo.InvariantCulture).ToUpperInvariant();

    private static string? Text(Guid? id) => id is { } value ? Text(value) : null;

    private static DateTimeOffset Time(long utcTicks) => new(utcTicks, TimeSpan.Zero);

    private static string? NullableString(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static Guid? NullableGuid(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : Guid.Parse(reader.GetString(ordinal));
}

/// <summary>The unit of work on SQLite: contexts open on the writer connection, inside its transaction.</summary>
internal sealed class SqliteUnitOfWork(SqliteConnection connection, SqliteTransaction transaction) : TransitionUnitOfWork(connection, transaction)
{
    public override string Store => "sqlite";

    public override object Column(Guid id) => SqliteTransitionSession.Text(id);

    protected internal override void UseConnection(DbContextOptionsBuilder options) => options.UseSqlite(connection);
}

/// <summary>
/// Runs on the writer connection before each of its transactions (one per batch of transitions). The service registers none.
/// Tests register one that sets <c>PRAGMA query_only</c>, so SQLite itself refuses the transition's writes (SQLITE_READONLY) as on a read-only disk:
/// the writer keeps one connection open for its prepared statements, so a hook on opening alone would come too late.
/// </summary>
public sealed record WriterConnectionHook(Action<SqliteConnection> BeforeTransaction);
