using Microsoft.EntityFrameworkCore;
using Workflow.Persistence.Storage;

namespace Workflow.Federation.Storage;

/// <summary>Migrates the federation tables; safe beside the engine's <see cref="DatabaseSetup"/> on the same file, in either order.</summary>
public sealed class FederationDatabaseSetup(IDbContextFactory<FederationDbContext> contexts)
{
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.MigrateWithWalAsync(cancellationToken);
    }
}
