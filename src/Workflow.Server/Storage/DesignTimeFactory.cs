using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Workflow.Server.Storage;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without starting the service.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<ServiceDbContext>
{
    public ServiceDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<ServiceDbContext>().UseSqlite("Data Source=design.db", s => s.MigrationsHistoryTable(ServiceDbContext.MigrationsTable)).Options);
}
