using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Workflow.Engine;
using Workflow.Engine.Execution;
using Workflow.Engine.Journal;
using Workflow.Persistence.Storage;

namespace Workflow.Benchmarks.Engine;

/// <summary>
/// The floor: the rows one approval transition writes, as hand-written SQL through Microsoft.Data.Sqlite with prepared
/// commands, one transaction each, on the engine's own schema with the engine's durability (WAL, synchronous=FULL). Each
/// transition reads an instance row, updates it, deletes its bookmark, inserts the next one and appends two hash-chained
/// journal rows, with payloads of the size the engine writes. No engine code runs but the journal hash.
/// </summary>
internal sealed class FloorWorkload : IDisposable
{
    private const int Instances = 1_000;
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _read;
    private readonly SqliteCommand _update;
    private readonly SqliteCommand _deleteBookmark;
    private readonly SqliteCommand _insertBookmark;
    private readonly SqliteCommand _insertJournal;
    private readonly Guid[] _instances = new Guid[Instances];
    private readonly Guid[] _bookmarks = new Guid[Instances];
    private readonly string _state;
    private readonly string _decision;
    private readonly FloorPayload _payload;

    private FloorWorkload(SqliteConnection connection)
    {
        _connection = connection;
        _read = Prepare("SELECT State, Revision, JournalLength, JournalHead FROM instances WHERE Id = $id", "$id");
        _update = Prepare("""
            UPDATE instances SET State = $state, Status = $status, Revision = $revision + 1, JournalLength = $length, JournalHead = $head, UpdatedAt = $now
            WHERE Id = $id AND Revision = $revision
            """, "$state", "$status", "$revision", "$length", "$head", "$now", "$id");
        _deleteBookmark = Prepare("DELETE FROM bookmarks WHERE Id = $id", "$id");
        _insertBookmark = Prepare("""
            INSERT INTO bookmarks (Id, InstanceId, ActivityId, Kind, TokenId, CreatedAt, DueAt, Role, ApproverKind, RegionCode, Title, ChildInstanceId, HasTimers)
            VALUES ($id, $instance, 'review', 'UserTask', 't1', $now, NULL, 'approver', 'superiorFederation', '370102', '审批组建申请', NULL, 0)
            """, "$id", "$instance", "$now");
        _insertJournal = Prepare("""
            INSERT INTO journal (InstanceId, Sequence, At, Actor, Kind, ActivityId, Outcome, BookmarkId, Data, PreviousHash, Hash)
            VALUES ($instance, $sequence, $at, $actor, $kind, $activity, $outcome, $bookmark, $data, $previous, $hash)
            """, "$instance", "$sequence", "$at", "$actor", "$kind", "$activity", "$outcome", "$bookmark", "$data", "$previous", "$hash");
        var payload = FloorPayload.Create();
        (_state, _decision) = (payload.State, payload.Decision);
        _payload = payload;
    }

    /// <summary>Creates the engine's schema in <paramref name="databaseFile"/> and seeds instances that each wait at one bookmark.</summary>
    public static async Task<FloorWorkload> CreateAsync(string databaseFile)
    {
        await EngineWorkload.CreateSchemaAsync(databaseFile);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databaseFile, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using (var pragmas = connection.CreateCommand())
        {
            pragmas.CommandText = SqliteDurability.Pragmas;
            await pragmas.ExecuteNonQueryAsync();
        }
        var floor = new FloorWorkload(connection);
        await floor.SeedAsync();
        return floor;
    }

    private async Task SeedAsync()
    {
        await using var transaction = _connection.BeginTransaction();
        await using var insert = _connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO instances (Id, DefinitionId, DefinitionVersion, CorrelationId, Status, State, Result, Revision, JournalLength, JournalHead, CreatedAt, UpdatedAt)
            VALUES ($id, 'floor', 1, NULL, 'Blocked', $state, NULL, 0, 0, $head, 0, 0)
            """;
        var id = insert.Parameters.Add("$id", SqliteType.Text);
        insert.Parameters.AddWithValue("$state", _state);
        insert.Parameters.AddWithValue("$head", JournalHasher.Genesis);
        for (var i = 0; i < Instances; i++)
        {
            _instances[i] = Guid.CreateVersion7();
            _bookmarks[i] = Guid.CreateVersion7();
            id.Value = Text(_instances[i]);
            await insert.ExecuteNonQueryAsync();
            Bind(_insertBookmark, transaction, Text(_bookmarks[i]), Text(_instances[i]), 0L);
            await _insertBookmark.ExecuteNonQueryAsync();
        }
        await transaction.CommitAsync();
    }

    /// <summary>One transition of instance <paramref name="n"/> (modulo the seeded count), in one transaction.</summary>
    public async Task TransitionAsync(int n)
    {
        var slot = n % Instances;
        var instance = _instances[slot];
        var now = DateTimeOffset.UnixEpoch.AddTicks(n);
        await using var transaction = _connection.BeginTransaction(deferred: false);
        Bind(_read, transaction, Text(instance));
        int revision;
        long length;
        string head;
        await using (var reader = await _read.ExecuteReaderAsync())
        {
            await reader.ReadAsync();
            _ = reader.GetString(0);
            (revision, length, head) = (reader.GetInt32(1), reader.GetInt64(2), reader.GetString(3));
        }
        var closed = _bookmarks[slot];
        var opened = Guid.CreateVersion7();
        foreach (var (record, sequence, previous, hash) in _payload.Journal(instance, closed, now, length, head))
        {
            Bind(_insertJournal, transaction, Text(instance), sequence, record.At.UtcTicks, record.Actor, record.Kind.ToString(), record.ActivityId, record.Outcome,
                record.BookmarkId is { } b ? Text(b) : null, record.Data, previous, hash);
            await _insertJournal.ExecuteNonQueryAsync();
            (length, head) = (sequence, hash);
        }
        Bind(_update, transaction, _state, nameof(InstanceStatus.Blocked), revision, length, head, now.UtcTicks, Text(instance));
        if (await _update.ExecuteNonQueryAsync() != 1) throw new InvalidOperationException($"instance {instance} changed under the floor");
        Bind(_deleteBookmark, transaction, Text(closed));
        await _deleteBookmark.ExecuteNonQueryAsync();
        Bind(_insertBookmark, transaction, Text(opened), Text(instance), now.UtcTicks);
        await _insertBookmark.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
        _bookmarks[slot] = opened;
    }

    public void Dispose()
    {
        foreach (var command in new[] { _read, _update, _deleteBookmark, _insertBookmark, _insertJournal }) command.Dispose();
        _connection.Dispose();
    }

    private SqliteCommand Prepare(string sql, params string[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters) command.Parameters.Add(new SqliteParameter { ParameterName = name });
        command.Prepare();
        return command;
    }

    private static void Bind(SqliteCommand command, SqliteTransaction transaction, params object?[] values)
    {
        command.Transaction = transaction;
        for (var i = 0; i < values.Length; i++) command.Parameters[i].Value = values[i] ?? DBNull.Value;
    }

    // EF Core stores a Guid as upper-case text in SQLite; the floor writes the same.
    private static string Text(Guid id) => id.ToString().ToUpperInvariant();
}
