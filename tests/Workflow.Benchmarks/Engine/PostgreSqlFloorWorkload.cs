using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Npgsql;
using NpgsqlTypes;
using Workflow.Engine;
using Workflow.Engine.Execution;
using Workflow.Engine.Journal;

namespace Workflow.Benchmarks.Engine;

/// <summary>
/// The floor on PostgreSQL: the rows of one approval transition as hand-written SQL through Npgsql, prepared statements, one READ
/// COMMITTED transaction each, on the engine's PostgreSQL schema with the server's default durability (fsync on, synchronous_commit
/// on). As the store does, the instance row is locked first (<c>FOR UPDATE</c>); then two hash-chained journal rows, the instance
/// update, the bookmark swap. Each client holds its own connection, so concurrent transitions of different instances run side by side.
/// </summary>
internal sealed class PostgreSqlFloorWorkload : IAsyncDisposable
{
    private const int Instances = 1_000;
    private readonly NpgsqlDataSource _dataSource;
    private readonly ConcurrentBag<Session> _idle = [];
    private readonly Guid[] _instances = new Guid[Instances];
    private readonly Guid[] _bookmarks = new Guid[Instances];
    private readonly string _state;
    private readonly string _decision;
    private readonly FloorPayload _payload;

    private PostgreSqlFloorWorkload(NpgsqlDataSource dataSource)
    {
        _dataSource = dataSource;
        var payload = FloorPayload.Create();
        (_state, _decision) = (payload.State, payload.Decision);
        _payload = payload;
    }

    /// <summary>Creates the engine's schema in the empty database and seeds instances that each wait at one bookmark.</summary>
    public static async Task<PostgreSqlFloorWorkload> CreateAsync(string connectionString)
    {
        await EngineWorkload.CreateSchemaAsync(Persistence.Storage.WorkflowStorage.PostgreSql(connectionString));
        var floor = new PostgreSqlFloorWorkload(NpgsqlDataSource.Create(connectionString));
        await floor.SeedAsync();
        return floor;
    }

    private async Task SeedAsync()
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        for (var i = 0; i < Instances; i++)
        {
            _instances[i] = Guid.CreateVersion7();
            _bookmarks[i] = Guid.CreateVersion7();
            await using var insert = new NpgsqlCommand("""
                INSERT INTO "instances" ("Id", "DefinitionId", "DefinitionVersion", "Status", "State", "Revision", "JournalLength", "JournalHead", "CreatedAt", "UpdatedAt")
                VALUES (@id, 'floor', 1, 'Blocked', @state, 0, 0, @head, 0, 0);
                """, connection, transaction);
            insert.Parameters.AddWithValue("id", _instances[i]);
            insert.Parameters.AddWithValue("state", _state);
            insert.Parameters.AddWithValue("head", JournalHasher.Genesis);
            await insert.ExecuteNonQueryAsync();
            await using var bookmark = Session.InsertBookmarkCommand(connection);
            bookmark.Transaction = transaction;
            Session.Bind(bookmark, _bookmarks[i], _instances[i], 0L);
            await bookmark.ExecuteNonQueryAsync();
        }
        await transaction.CommitAsync();
    }

    /// <summary>One transition of instance <paramref name="n"/> (modulo the seeded count), in one transaction, on an idle client connection.</summary>
    public async Task TransitionAsync(int n)
    {
        if (!_idle.TryTake(out var session)) session = await Session.OpenAsync(_dataSource);
        try
        {
            await TransitionAsync(session, n % Instances, DateTimeOffset.UnixEpoch.AddTicks(n));
        }
        finally
        {
            _idle.Add(session);
        }
    }

    private async Task TransitionAsync(Session s, int slot, DateTimeOffset now)
    {
        var instance = _instances[slot];
        await using var transaction = await s.Connection.BeginTransactionAsync(System.Data.IsolationLevel.ReadCommitted);
        Session.Bind(s.Read, instance);
        int revision;
        long length;
        string head;
        await using (var reader = await s.Read.ExecuteReaderAsync())
        {
            await reader.ReadAsync();
            _ = reader.GetString(0);
            (revision, length, head) = (reader.GetInt32(1), reader.GetInt64(2), reader.GetString(3));
        }
        var closed = _bookmarks[slot];
        var opened = Guid.CreateVersion7();
        foreach (var (record, sequence, previous, hash) in _payload.Journal(instance, closed, now, length, head))
        {
            Session.Bind(s.InsertJournal, instance, sequence, record.At.UtcTicks, record.Actor, record.Kind.ToString(), record.ActivityId, record.Outcome,
                record.BookmarkId, record.Data, previous, hash);
            await s.InsertJournal.ExecuteNonQueryAsync();
            (length, head) = (sequence, hash);
        }
        Session.Bind(s.Update, _state, nameof(InstanceStatus.Blocked), revision, length, head, now.UtcTicks, instance);
        if (await s.Update.ExecuteNonQueryAsync() != 1) throw new InvalidOperationException($"instance {instance} changed under the floor");
        Session.Bind(s.DeleteBookmark, closed);
        await s.DeleteBookmark.ExecuteNonQueryAsync();
        Session.Bind(s.InsertBookmark, opened, instance, now.UtcTicks);
        await s.InsertBookmark.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
        _bookmarks[slot] = opened;
    }

    public async ValueTask DisposeAsync()
    {
        while (_idle.TryTake(out var session)) await session.Connection.DisposeAsync();
        await _dataSource.DisposeAsync();
    }

    /// <summary>One client's connection with its statements prepared on the server.</summary>
    private sealed record Session(NpgsqlConnection Connection, NpgsqlCommand Read, NpgsqlCommand Update, NpgsqlCommand DeleteBookmark, NpgsqlCommand InsertBookmark,
        NpgsqlCommand InsertJournal)
    {
        public static async Task<Session> OpenAsync(NpgsqlDataSource dataSource)
        {
            var connection = await dataSource.OpenConnectionAsync();
            var session = new Session(connection,
                Command(connection, """SELECT "State", "Revision", "JournalLength", "JournalHead" FROM "instances" WHERE "Id" = $1 FOR UPDATE""", NpgsqlDbType.Uuid),
                Command(connection, """
                    UPDATE "instances" SET "State" = $1, "Status" = $2, "Revision" = $3 + 1, "JournalLength" = $4, "JournalHead" = $5, "UpdatedAt" = $6
                    WHERE "Id" = $7 AND "Revision" = $3
                    """, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Integer, NpgsqlDbType.Bigint, NpgsqlDbType.Text, NpgsqlDbType.Bigint, NpgsqlDbType.Uuid),
                Command(connection, """DELETE FROM "bookmarks" WHERE "Id" = $1""", NpgsqlDbType.Uuid),
                InsertBookmarkCommand(connection),
                Command(connection, """
                    INSERT INTO "journal" ("InstanceId", "Sequence", "At", "Actor", "Kind", "ActivityId", "Outcome", "BookmarkId", "Data", "PreviousHash", "Hash")
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
                    """, NpgsqlDbType.Uuid, NpgsqlDbType.Bigint, NpgsqlDbType.Bigint, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text,
                    NpgsqlDbType.Uuid, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text));
            foreach (var command in new[] { session.Read, session.Update, session.DeleteBookmark, session.InsertBookmark, session.InsertJournal }) await command.PrepareAsync();
            return session;
        }

        public static NpgsqlCommand InsertBookmarkCommand(NpgsqlConnection connection) => Command(connection, """
            INSERT INTO "bookmarks" ("Id", "InstanceId", "ActivityId", "Kind", "TokenId", "CreatedAt", "DueAt", "Role", "ApproverKind", "RegionCode", "Title", "ChildInstanceId", "HasTimers")
            VALUES ($1, $2, 'review', 'UserTask', 't1', $3, NULL, 'approver', 'superiorFederation', '370102', '审批组建申请', NULL, FALSE)
            """, NpgsqlDbType.Uuid, NpgsqlDbType.Uuid, NpgsqlDbType.Bigint);

        public static void Bind(NpgsqlCommand command, params object?[] values)
        {
            for (var i = 0; i < values.Length; i++) command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }

        private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, params NpgsqlDbType[] types)
        {
            var command = new NpgsqlCommand(sql, connection);
            foreach (var type in types) command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = type });
            return command;
        }
    }
}
