using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Workflow.Federation.Storage;

/// <summary>Lets <c>dotnet ef migrations add --context FederationDbContext</c> build the model without a host.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<FederationDbContext>
{
    public FederationDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<FederationDbContext>()
            .UseSqlite("Data Source=design.db", o => o.MigrationsHistoryTable(FederationDbContext.MigrationsHistoryTable))
            .Options);
}
