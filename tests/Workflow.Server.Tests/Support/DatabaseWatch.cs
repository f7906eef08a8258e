using Microsoft.Data.Sqlite;

namespace Workflow.Server.Tests.Support;

/// <summary>
/// Tells whether anything was committed to the service's SQLite file since the last look: SQLite's
/// <c>data_version</c> changes on this connection whenever another connection commits, whatever the table.
/// </summary>
public sealed class DatabaseWatch : IDisposable
{
    private readonly SqliteConnection _connection;
    private long _version;
    private Dictionary<string, long> _counts;

    private DatabaseWatch(SqliteConnection connection)
    {
        _connection = connection;
        _version = DataVersion();
        _counts = RowCounts();
    }

    public static DatabaseWatch Open(ServiceFactory factory)
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(factory.DataFolder, "workflow.db")};Mode=ReadOnly;Pooling=False");
        connection.Open();
        return new DatabaseWatch(connection);
    }

    /// <summary>Null when nothing was written since the last call; else the tables whose row counts moved (or "rows changed in place").</summary>
    public string? WrittenSinceLastLook()
    {
        var version = DataVersion();
        if (version == _version) return null;
        _version = version;
        var counts = RowCounts();
        var moved = counts.Where(c => _counts.GetValueOrDefault(c.Key) != c.Value).Select(c => $"{c.Key} {_counts.GetValueOrDefault(c.Key)}→{c.Value}").ToList();
        _counts = counts;
        return moved.Count > 0 ? string.Join(", ", moved) : "rows changed in place";
    }

    private long DataVersion()
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "PRAGMA data_version";
        return (long)command.ExecuteScalar()!;
    }

    private Dictionary<string, long> RowCounts()
    {
        var tables = new List<string>();
        using (var list = _connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'";
            using var reader = list.ExecuteReader();
            while (reader.Read()) tables.Add(reader.GetString(0));
        }
        var counts = new Dictionary<string, long>();
        foreach (var table in tables)
        {
            using var count = _connection.CreateCommand();
            count.CommandText = $"SELECT count(*) FROM \"{table.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
            counts[table] = (long)count.ExecuteScalar()!;
        }
        return counts;
    }

    public void Dispose() => _connection.Dispose();
}
