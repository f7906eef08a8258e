using Npgsql;

namespace Workflow.Server.Storage;

/// <summary>What a copy's target already holds: any table in any schema (Hangfire's included) with a row, apart from migration histories.</summary>
internal static class PostgreSqlTarget
{
    public static async Task<IReadOnlyList<string>> TablesWithRowsAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("""
            SELECT format('%I.%I', n.nspname, c.relname) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_%'
              AND c.relname NOT IN ('__EFMigrationsHistory', '__FederationMigrations', '__ServiceMigrations')
            ORDER BY 1
            """, connection))
        {
            await using var reader = await list.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken)) tables.Add(reader.GetString(0));
        }
        var filled = new List<string>();
        foreach (var table in tables)
        {
            await using var any = new NpgsqlCommand($"SELECT EXISTS (SELECT 1 FROM {table})", connection);
            if ((bool)(await any.ExecuteScalarAsync(cancellationToken))!) filled.Add(table);
        }
        return filled;
    }
}
