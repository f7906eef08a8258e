using Microsoft.EntityFrameworkCore;
using Workflow.Persistence.Runtime;

namespace Workflow.Federation.Storage;

/// <summary>A federation context on the running transition's connection and transaction, for the workflow's action handlers.</summary>
public static class TransitionDatabase
{
    public static FederationDbContext Open()
    {
        var transaction = CurrentTransition.Transaction;
        var options = new DbContextOptionsBuilder<FederationDbContext>().UseSqlite(transaction.Connection!).Options;
        var db = new FederationDbContext(options);
        db.Database.UseTransaction(transaction);
        return db;
    }
}
