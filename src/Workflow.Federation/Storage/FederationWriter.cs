using Microsoft.EntityFrameworkCore;
using Workflow.Federation.Common;
using Workflow.Persistence.Storage;

namespace Workflow.Federation.Storage;

/// <summary>
/// Runs one change as one transaction behind the process's <see cref="WriteGate"/>, the engine's queue for the
/// single SQLite writer, so federation writes and engine transitions on the same file never poll for the lock.
/// </summary>
public sealed class FederationWriter(IDbContextFactory<FederationDbContext> contexts, WriteGate gate)
{
    public Task<T> WriteAsync<T>(Func<FederationDbContext, Task<T>> work, CancellationToken cancellationToken) =>
        WriteAsync(work, _ => true, cancellationToken);

    /// <summary>As <see cref="WriteAsync{T}(Func{FederationDbContext, Task{T}}, CancellationToken)"/>, rolling back instead when <paramref name="commit"/> says no.</summary>
    public async Task<T> WriteAsync<T>(Func<FederationDbContext, Task<T>> work, Func<T, bool> commit, CancellationToken cancellationToken)
    {
        using (await gate.EnterAsync(cancellationToken))
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var result = await work(db);
            if (!commit(result))
            {
                await transaction.RollbackAsync(cancellationToken);
                return result;
            }
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                throw new FederationException(FederationError.Conflict, new CodedMessage("conflict.concurrent",
                    "记录已被他人同时修改，请刷新后再改", "the record was changed by someone else at the same time; reload and try again"));
            }
            await transaction.CommitAsync(cancellationToken);
            FederationChanges.Note();
            return result;
        }
    }

    public async Task<FederationDbContext> ReadAsync(CancellationToken cancellationToken) =>
        await contexts.CreateDbContextAsync(cancellationToken);
}
