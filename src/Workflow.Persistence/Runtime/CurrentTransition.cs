using Microsoft.Data.Sqlite;

namespace Workflow.Persistence.Runtime;

/// <summary>
/// The write transaction of the transition running on this call path. Action handlers that write domain rows use it,
/// so their rows commit or roll back with the step that wrote them; a second connection would wait for the lock the
/// transition holds.
/// </summary>
public static class CurrentTransition
{
    private static readonly AsyncLocal<SqliteTransaction?> s_transaction = new();

    public static SqliteTransaction Transaction =>
        s_transaction.Value ?? throw new InvalidOperationException("no transition is running on this call path: domain writes from an action handler need one");

    internal static void Set(SqliteTransaction? transaction) => s_transaction.Value = transaction;
}
