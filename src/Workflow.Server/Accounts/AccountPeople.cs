using Microsoft.EntityFrameworkCore;
using Workflow.Federation;
using Workflow.Server.Storage;

namespace Workflow.Server.Accounts;

/// <summary>The federation's people are the service's accounts.</summary>
internal sealed class AccountPeople(IDbContextFactory<ServiceDbContext> contexts) : IPeople
{
    public async Task<IReadOnlyList<Account>> FindAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var users = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToListAsync(cancellationToken);
        return [.. users.Select(u => new Account(u.Id, u.UserName, u.DisplayName, u.RegionCode, u.RoleList, u.Active))];
    }
}
