using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Workflow.Persistence.Storage;

namespace Workflow.Server.Storage;

/// <summary>
/// Lets <c>dotnet ef migrations add</c> build the model without starting the service: SQLite, or PostgreSQL with
/// <c>-- --provider PostgreSql</c> (eng/postgresql-migrations.sh).
/// </summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<ServiceDbContext>
{
    public ServiceDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<ServiceDbContext>();
        DesignTimeStorage.From(args).Configure(options, ServiceDbContext.MigrationsTable);
        return new(options.Options);
    }
}
