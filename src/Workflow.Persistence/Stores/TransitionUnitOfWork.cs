using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Workflow.Engine;

namespace Workflow.Persistence.Stores;

/// <summary>
/// The transition's open transaction as the runtime hands it to action handlers (<see cref="ActionContext.UnitOfWork"/>) and to a
/// domain write that starts with an instance. A handler opens its own DbContext on it (<see cref="UnitOfWorkContexts.Open{TContext}"/>)
/// and never learns which database it is on.
/// </summary>
public abstract class TransitionUnitOfWork(DbConnection connection, DbTransaction transaction) : IActionUnitOfWork
{
    public abstract string Store { get; }

    public DbConnection Connection => connection;

    public DbTransaction Transaction => transaction;

    /// <summary>An id as this store's columns hold it (EF Core's encoding), for a parameter of a host's own statement on <see cref="Connection"/>.</summary>
    public abstract object Column(Guid id);

    /// <summary>Points a context's options at this connection, with the provider of the store.</summary>
    protected internal abstract void UseConnection(DbContextOptionsBuilder options);
}

public static class UnitOfWorkContexts
{
    /// <summary>
    /// A context on the unit of work's connection and transaction: its <c>SaveChanges</c> commits with the transition, or not at all.
    /// Dispose it before the handler returns; the transaction stays open.
    /// </summary>
    /// <exception cref="InvalidOperationException">The unit of work is not a transaction of a store (a bare executor's).</exception>
    public static TContext Open<TContext>(this IActionUnitOfWork unitOfWork, Func<DbContextOptions<TContext>, TContext> create) where TContext : DbContext
    {
        if (unitOfWork is not TransitionUnitOfWork work)
            throw new InvalidOperationException($"this step runs without a transaction ({unitOfWork.Store}): domain writes from an action handler need the runtime's");
        var options = new DbContextOptionsBuilder<TContext>();
        work.UseConnection(options);
        var db = create(options.Options);
        db.Database.UseTransaction(work.Transaction);
        return db;
    }
}
