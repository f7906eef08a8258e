using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Workflow.Persistence.Storage;

namespace Workflow.Federation.Storage;

/// <summary>
/// Lets <c>dotnet ef migrations add --context FederationDbContext</c> build the model without a host: SQLite, or PostgreSQL with
/// <c>-- --provider PostgreSql</c> (eng/postgresql-migrations.sh).
/// </summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<FederationDbContext>
{
    public FederationDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<FederationDbContext>();
        DesignTimeStorage.From(args).Configure(options, FederationDbContext.MigrationsHistoryTable);
        return new(options.Options);
    }
}
