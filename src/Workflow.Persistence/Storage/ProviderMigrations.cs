using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;

namespace Workflow.Persistence.Storage;

/// <summary>
/// Each provider has its own migrations, generated for its SQL, beside each other in the context's assembly: a migration (and model
/// snapshot) whose namespace has a <c>PostgreSql</c> segment is PostgreSQL's, any other is SQLite's. EF Core looks migrations up by
/// context type alone, so without this each provider would run both sets. <c>dotnet ef</c> uses it too: it diffs against the
/// snapshot of the provider it was started with (see docs/operations.md for the commands).
/// </summary>
public sealed class ProviderMigrations : IMigrationsAssembly
{
    public const string PostgreSqlSegment = "PostgreSql";

    private readonly Type _contextType;
    private readonly bool _postgreSql;
    private readonly IMigrationsIdGenerator _ids;
    private readonly Lazy<IReadOnlyDictionary<string, TypeInfo>> _migrations;
    private readonly Lazy<ModelSnapshot?> _snapshot;

    public ProviderMigrations(ICurrentDbContext currentContext, IDbContextOptions options, IDatabaseProvider provider, IMigrationsIdGenerator ids)
    {
        _contextType = currentContext.Context.GetType();
        _postgreSql = provider.Name.StartsWith("Npgsql", StringComparison.Ordinal);
        _ids = ids;
        var name = options.Extensions.OfType<RelationalOptionsExtension>().FirstOrDefault()?.MigrationsAssembly;
        Assembly = name is null ? _contextType.Assembly : Assembly.Load(new AssemblyName(name));
        _migrations = new(() => Ours()
            .Select(t => (Type: t, Id: t.GetCustomAttribute<MigrationAttribute>()?.Id))
            .Where(m => m.Id is not null && m.Type.IsSubclassOf(typeof(Migration)))
            .OrderBy(m => m.Id, StringComparer.Ordinal)
            .ToDictionary(m => m.Id!, m => m.Type.GetTypeInfo(), StringComparer.Ordinal));
        _snapshot = new(() => Ours().Where(t => t.IsSubclassOf(typeof(ModelSnapshot)))
            .Select(t => (ModelSnapshot?)Activator.CreateInstance(t)).FirstOrDefault());
    }

    public IReadOnlyDictionary<string, TypeInfo> Migrations => _migrations.Value;

    public ModelSnapshot? ModelSnapshot => _snapshot.Value;

    public Assembly Assembly { get; }

    public string? FindMigrationId(string nameOrId) =>
        Migrations.Keys.Where(_ids.IsValidId(nameOrId) ? id => string.Equals(id, nameOrId, StringComparison.OrdinalIgnoreCase)
            : id => string.Equals(_ids.GetName(id), nameOrId, StringComparison.OrdinalIgnoreCase)).FirstOrDefault();

    public Migration CreateMigration(TypeInfo migrationClass, string activeProvider)
    {
        var migration = (Migration)Activator.CreateInstance(migrationClass.AsType())!;
        migration.ActiveProvider = activeProvider;
        return migration;
    }

    /// <summary>The types of this context and provider: a PostgreSQL namespace for PostgreSQL, any other for SQLite.</summary>
    private IEnumerable<Type> Ours() => Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false, IsGenericTypeDefinition: false })
        .Where(t => t.GetCustomAttribute<DbContextAttribute>()?.ContextType == _contextType)
        .Where(t => (t.Namespace ?? "").Split('.').Contains(PostgreSqlSegment, StringComparer.Ordinal) == _postgreSql);
}
