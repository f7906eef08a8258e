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

/// <summary>Accounts the federation asks for (an elected leader accepting her invitation), made as an admin would make them, with her own password.</summary>
internal sealed class InvitedAccounts(UserDirectory directory) : IAccountCreation
{
    public async Task<Guid> CreateAsync(NewAccount account, string password, CancellationToken cancellationToken) =>
        (await directory.CreateAsync(new NewUser(account.UserName, account.DisplayName, account.Roles, null, account.RegionCode, account.Email, Password: password), cancellationToken)).User.Id;
}
