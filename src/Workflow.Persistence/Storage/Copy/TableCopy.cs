using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace Workflow.Persistence.Storage.Copy;

/// <summary>One table of one context: its rows in the source and in the target after the copy.</summary>
public sealed record TableCount(string Context, string Table, long Source, long Target)
{
    public bool Matches => Source == Target;
}

/// <summary>
/// Copies every table of a context's model from a SQLite database into a PostgreSQL database migrated to the same model, in one
/// transaction: principal tables before their dependents, each by binary <c>COPY</c>, keys as they are (ids, sequence numbers),
/// then every identity sequence moved past the largest id copied. Values travel through the entity types, so each provider's
/// encoding (ticks, enum names, GUID text on SQLite; uuid, date on PostgreSQL) is read and written by its own type mapping.
/// </summary>
public static class TableCopy
{
    /// <summary>The context's tables in an order that satisfies every foreign key (principals first).</summary>
    public static IReadOnlyList<IEntityType> Tables(IModel model)
    {
        var tables = model.GetEntityTypes().Where(e => e.GetTableName() is not null).ToList();
        var ordered = new List<IEntityType>();
        var placed = new HashSet<IEntityType>();
        void Place(IEntityType entity, HashSet<IEntityType> visiting)
        {
            if (placed.Contains(entity) || !visiting.Add(entity)) return;
            foreach (var principal in entity.GetForeignKeys().Select(f => f.PrincipalEntityType).Where(p => p != entity && tables.Contains(p))) Place(principal, visiting);
            placed.Add(entity);
            ordered.Add(entity);
        }
        foreach (var entity in tables.OrderBy(e => e.GetTableName(), StringComparer.Ordinal)) Place(entity, []);
        return ordered;
    }

    /// <summary>Copies the tables of <paramref name="source"/>'s context into <paramref name="target"/> (PostgreSQL) in one transaction.</summary>
    public static async Task CopyAsync(DbContext source, DbContext target, CancellationToken cancellationToken = default)
    {
        await target.Database.OpenConnectionAsync(cancellationToken);
        var connection = (NpgsqlConnection)target.Database.GetDbConnection();
        await using var transaction = await target.Database.BeginTransactionAsync(cancellationToken);
        var tables = Tables(target.Model);
        foreach (var table in tables)
        {
            var read = source.Model.FindEntityType(table.ClrType) ?? throw new InvalidOperationException($"the source has no table for {table.ClrType.Name}");
            await CopyTableAsync(Rows(source, read), connection, table, cancellationToken);
        }
        await ResetIdentitiesAsync(connection, tables, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The rows of one table, by <c>COUNT(*)</c>.</summary>
    public static async Task<long> CountAsync(DbContext db, IEntityType table, CancellationToken cancellationToken = default)
    {
        // A table name cannot be a parameter; it comes from the model and is quoted.
        var sql = "SELECT COUNT(*) AS \"Value\" FROM " + Quote(table);
        return await db.Database.SqlQueryRaw<long>(sql).SingleAsync(cancellationToken);
    }

    private static async Task CopyTableAsync(IAsyncEnumerable<object> rows, NpgsqlConnection connection, IEntityType table, CancellationToken cancellationToken)
    {
        var store = StoreObjectIdentifier.Table(table.GetTableName()!, table.GetSchema());
        var columns = table.GetProperties().Select(p => (Property: p, Column: p.GetColumnName(store)!, Converter: p.GetTypeMapping().Converter)).ToList();
        var sql = $"COPY {Quote(table)} ({string.Join(", ", columns.Select(c => Quote(c.Column)))}) FROM STDIN (FORMAT BINARY)";
        await using var importer = await connection.BeginBinaryImportAsync(sql, cancellationToken);
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            await importer.StartRowAsync(cancellationToken);
            foreach (var (property, _, converter) in columns)
            {
                var value = property.GetGetter().GetClrValueUsingContainingEntity(row);
                var stored = value is null || converter is null ? value : converter.ConvertToProvider(value);
                if (stored is null) await importer.WriteNullAsync(cancellationToken);
                else await importer.WriteAsync(stored, cancellationToken);
            }
        }
        await importer.CompleteAsync(cancellationToken);
    }

    /// <summary>
    /// Ids were copied as they were, so each identity column's sequence still stands at its start: moved past the largest id, the
    /// next row the service inserts gets a fresh one instead of a duplicate-key error.
    /// </summary>
    private static async Task ResetIdentitiesAsync(NpgsqlConnection connection, IReadOnlyList<IEntityType> tables, CancellationToken cancellationToken)
    {
        var names = tables.Select(t => t.GetTableName()!).ToArray();
        var identities = new List<(string Schema, string Table, string Column)>();
        await using (var find = new NpgsqlCommand("""
            SELECT table_schema, table_name, column_name FROM information_schema.columns
            WHERE table_schema = current_schema() AND table_name = ANY(@tables) AND (is_identity = 'YES' OR column_default LIKE 'nextval(%')
            """, connection))
        {
            find.Parameters.AddWithValue("tables", names);
            await using var reader = await find.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken)) identities.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        }
        foreach (var (schema, table, column) in identities)
        {
            var qualified = $"{Quote(schema)}.{Quote(table)}";
            await using var reset = new NpgsqlCommand(
                $"SELECT setval(pg_get_serial_sequence(@table, @column), COALESCE(MAX({Quote(column)}), 0) + 1, false) FROM {qualified}", connection);
            reset.Parameters.AddWithValue("table", qualified);
            reset.Parameters.AddWithValue("column", column);
            await reset.ExecuteScalarAsync(cancellationToken);
        }
    }

    private static IAsyncEnumerable<object> Rows(DbContext db, IEntityType table) =>
        (IAsyncEnumerable<object>)typeof(TableCopy).GetMethod(nameof(RowsOf), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(table.ClrType).Invoke(null, [db])!;

    private static IAsyncEnumerable<object> RowsOf<T>(DbContext db) where T : class => db.Set<T>().AsNoTracking().AsAsyncEnumerable();

    private static string Quote(IEntityType table) =>
        table.GetSchema() is { } schema ? $"{Quote(schema)}.{Quote(table.GetTableName()!)}" : Quote(table.GetTableName()!);

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
