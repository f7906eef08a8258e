using System.Data.Common;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Workflow.Federation.Storage;

/// <summary>
/// One prepared INSERT or UPDATE for rows of <typeparamref name="T"/>, run inside the context's open transaction.
/// Table, columns and value conversions (enums by name, instants as UTC ticks) come from the EF model, so rows
/// written here read back through EF exactly like rows EF wrote; a bulk import runs at SQLite's speed instead of
/// the change tracker's.
/// </summary>
internal sealed class PreparedRows<T> : IDisposable where T : class
{
    private readonly DbCommand _command;
    private readonly Binding[] _bindings;

    private PreparedRows(DbCommand command, Binding[] bindings)
    {
        _command = command;
        _bindings = bindings;
    }

    /// <summary>Inserts every mapped column except an integer key SQLite numbers itself.</summary>
    public static PreparedRows<T> Insert(DbContext db)
    {
        var (entity, table) = Entity(db);
        var properties = entity.GetProperties()
            .Where(p => !(p.IsPrimaryKey() && p.ValueGenerated != ValueGenerated.Never && p.ClrType == typeof(long)))
            .ToList();
        var command = Command(db);
        var bindings = properties.Select((p, i) => Bind(command, p, table, $"@p{i}")).ToArray();
        command.CommandText = $"INSERT INTO \"{table.Name}\" ({string.Join(", ", bindings.Select(b => Quote(b.Column)))}) "
            + $"VALUES ({string.Join(", ", bindings.Select(b => b.Parameter.ParameterName))})";
        command.Prepare();
        return new PreparedRows<T>(command, bindings);
    }

    /// <summary>Sets the named properties of the row with the same key; <paramref name="increment"/> names a counter to add one to (a concurrency token).</summary>
    public static PreparedRows<T> Update(DbContext db, IEnumerable<string> propertyNames, string? increment = null)
    {
        var (entity, table) = Entity(db);
        var command = Command(db);
        var set = propertyNames.Select(n => entity.FindProperty(n) ?? throw new ArgumentException($"{typeof(T).Name} has no mapped property {n}"))
            .Select((p, i) => Bind(command, p, table, $"@s{i}")).ToList();
        var key = entity.FindPrimaryKey()!.Properties.Select((p, i) => Bind(command, p, table, $"@k{i}")).ToList();
        var assignments = set.Select(b => $"{Quote(b.Column)} = {b.Parameter.ParameterName}").ToList();
        if (increment is not null)
        {
            var column = Quote(entity.FindProperty(increment)!.GetColumnName(table)!);
            assignments.Add($"{column} = {column} + 1");
        }
        command.CommandText = $"UPDATE \"{table.Name}\" SET {string.Join(", ", assignments)} "
            + $"WHERE {string.Join(" AND ", key.Select(b => $"{Quote(b.Column)} = {b.Parameter.ParameterName}"))}";
        command.Prepare();
        return new PreparedRows<T>(command, [.. set, .. key]);
    }

    public void Write(T row)
    {
        foreach (var binding in _bindings) binding.Set(row);
        _command.ExecuteNonQuery();
        FederationChanges.Note();
    }

    public void Dispose() => _command.Dispose();

    private static (IEntityType Entity, StoreObjectIdentifier Table) Entity(DbContext db)
    {
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped");
        return (entity, StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema()));
    }

    private static DbCommand Command(DbContext db)
    {
        var transaction = db.Database.CurrentTransaction
            ?? throw new InvalidOperationException("prepared rows are written inside the caller's transaction");
        var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = transaction.GetDbTransaction();
        return command;
    }

    private static Binding Bind(DbCommand command, IProperty property, StoreObjectIdentifier table, string name)
    {
        var mapping = (RelationalTypeMapping)property.GetTypeMapping();
        var parameter = mapping.CreateParameter(command, name, value: null, nullable: property.IsNullable);
        command.Parameters.Add(parameter);
        var row = Expression.Parameter(typeof(T));
        var read = Expression.Lambda<Func<T, object?>>(Expression.Convert(Expression.Property(row, property.PropertyInfo!), typeof(object)), row).Compile();
        return new Binding(property.GetColumnName(table)!, parameter, read, mapping.Converter);
    }

    private static string Quote(string column) => $"\"{column}\"";

    private sealed record Binding(string Column, DbParameter Parameter, Func<T, object?> Read, ValueConverter? Converter)
    {
        public void Set(T row)
        {
            var value = Read(row);
            if (value is not null && Converter is not null) value = Converter.ConvertToProvider(value);
            Parameter.Value = value ?? DBNull.Value;
        }
    }
}
