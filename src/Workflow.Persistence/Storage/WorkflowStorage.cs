using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Workflow.Persistence.Storage;

public enum StorageProvider
{
    /// <summary>One SQLite file: the embedded default.</summary>
    Sqlite,

    /// <summary>PostgreSQL, for several nodes on one database.</summary>
    PostgreSql,
}

/// <summary>
/// The database every context of the service runs on (<c>Storage:Provider</c> and <c>ConnectionStrings:Workflow</c>): the engine's,
/// the federation's and the host's contexts share it, and the transition store is the one written for it.
/// </summary>
public sealed record WorkflowStorage(StorageProvider Provider, string ConnectionString)
{
    /// <summary>A SQLite file, with the pooled connection string the contexts share.</summary>
    public static WorkflowStorage Sqlite(string file) =>
        new(StorageProvider.Sqlite, new SqliteConnectionStringBuilder { DataSource = file, Pooling = true, DefaultTimeout = 30 }.ToString());

    public static WorkflowStorage PostgreSql(string connectionString) => new(StorageProvider.PostgreSql, connectionString);

    /// <summary>Reads <c>Sqlite</c> or <c>PostgreSql</c> (any case); null or empty is SQLite.</summary>
    public static StorageProvider ParseProvider(string? name) =>
        string.IsNullOrWhiteSpace(name) ? StorageProvider.Sqlite
        : Enum.TryParse<StorageProvider>(name, ignoreCase: true, out var provider) && Enum.IsDefined(provider) ? provider
        : throw new InvalidOperationException($"Storage:Provider '{name}' is neither Sqlite nor PostgreSql");

    /// <summary>The SQLite file, for the checks and set-up only a file has (WAL, a writable folder).</summary>
    public string SqliteFile => Provider == StorageProvider.Sqlite
        ? new SqliteConnectionStringBuilder(ConnectionString).DataSource
        : throw new InvalidOperationException("the storage is not a SQLite file");

    /// <summary>
    /// Points a context at this database: the provider, its own migrations (<see cref="ProviderMigrations"/>) and history table, and
    /// on SQLite the pragmas of every connection (<see cref="SqliteDurability"/>).
    /// A list in a query (<c>ids.Contains(row.Id)</c>) goes as one parameter (a JSON array on SQLite, an array on
    /// PostgreSQL): EF's default, one parameter per element, makes the SQL depend on the list's length, so such a query
    /// missed EF's SQL cache on every run and generated its SQL again under a lock (a fifth of the inbox page's time, all
    /// of it lock waits with 8 clients).
    /// </summary>
    public DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, string? migrationsHistoryTable = null)
    {
        if (Provider == StorageProvider.Sqlite)
        {
            options.UseSqlite(ConnectionString, sqlite =>
            {
                sqlite.UseParameterizedCollectionMode(ParameterTranslationMode.Parameter);
                if (migrationsHistoryTable is not null) sqlite.MigrationsHistoryTable(migrationsHistoryTable);
            }).AddInterceptors(new SqliteDurability());
        }
        else
        {
            options.UseNpgsql(ConnectionString, npgsql =>
            {
                npgsql.UseParameterizedCollectionMode(ParameterTranslationMode.Parameter);
                if (migrationsHistoryTable is not null) npgsql.MigrationsHistoryTable(migrationsHistoryTable);
            });
        }
        return options.ReplaceService<IMigrationsAssembly, ProviderMigrations>();
    }
}
