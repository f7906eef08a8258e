using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Workflow.Persistence.Storage;

/// <summary>
/// Lets <c>dotnet ef migrations add</c> build the model without a host: SQLite by default, PostgreSQL with <c>-- --provider PostgreSql</c>
/// (no server is contacted to add a migration).
/// </summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<WorkflowDbContext>
{
    public WorkflowDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<WorkflowDbContext>();
        DesignTimeStorage.From(args).Configure(options);
        return new(options.Options);
    }
}

/// <summary>The storage a design-time factory builds its model on, from the arguments after <c>--</c>.</summary>
public static class DesignTimeStorage
{
    public static WorkflowStorage From(string[] args)
    {
        var at = Array.IndexOf(args, "--provider");
        return at >= 0 && at + 1 < args.Length && WorkflowStorage.ParseProvider(args[at + 1]) == StorageProvider.PostgreSql
            ? WorkflowStorage.PostgreSql("Host=localhost;Database=design")
            : WorkflowStorage.Sqlite("design.db");
    }
}
