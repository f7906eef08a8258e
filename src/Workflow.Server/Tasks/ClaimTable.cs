using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Workflow.Server.Storage;

namespace Workflow.Server.Tasks;

/// <summary>task_claims in the names the service's model gives its table and columns, delimited for its database: for the statements EF does not write.</summary>
internal sealed class ClaimTable
{
    private readonly ISqlGenerationHelper _sql;
    private readonly IEntityType _claims;
    private readonly StoreObjectIdentifier _table;

    public ClaimTable(ServiceDbContext db)
    {
        _sql = db.GetService<ISqlGenerationHelper>();
        _claims = db.Model.FindEntityType(typeof(TaskClaimRow))!;
        _table = StoreObjectIdentifier.Table(_claims.GetTableName()!, _claims.GetSchema());
    }

    public string Name => _sql.DelimitIdentifier(_table.Name, _table.Schema);

    public string Column(string property) => _sql.DelimitIdentifier(_claims.FindProperty(property)!.GetColumnName(_table)!);

    /// <summary>The column, named as the property: what EF's raw queries map by.</summary>
    public string ColumnAs(string property) => Column(property) + " AS " + _sql.DelimitIdentifier(property);
}
