using System.Text.Json.Nodes;

namespace Workflow.Engine.Tests.Support;

/// <summary>
/// An action that keeps its transition open until the test lets it go, as a slow registry call would: on SQLite the writer waits
/// with it, so the transitions that arrive meanwhile queue up for one batch.
/// </summary>
public sealed class HoldingAction : IActionHandler
{
    private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Name => "test.hold";

    /// <summary>Done once a transition is inside the action.</summary>
    public Task Entered => _entered.Task;

    public void Release() => _released.TrySetResult();

    public async Task<ActionResult> ExecuteAsync(ActionContext context, CancellationToken cancellationToken)
    {
        _entered.TrySetResult();
        await _released.Task.WaitAsync(cancellationToken);
        return ActionResult.Done(new JsonObject { ["held"] = true });
    }
}

/// <summary>An action that fails for one actor only, so that one transition of a batch faults and its batch-mates do not.</summary>
public sealed class FaultingForAction : IActionHandler
{
    public const string FaultyActor = "faulty-approver";

    public string Name => "test.faultFor";

    public Task<ActionResult> ExecuteAsync(ActionContext context, CancellationToken cancellationToken) =>
        context.Actor == FaultyActor
            ? throw new InvalidOperationException("registry refused this one")
            : Task.FromResult(ActionResult.Done(new JsonObject { ["registered"] = true }));
}

/// <summary>
/// An action that, for one actor, ends the transaction under its batch (<c>ROLLBACK</c> on the unit of work's connection) and fails,
/// as SQLite itself does after a full disk or an I/O error: the batch's savepoints are gone with it.
/// </summary>
public sealed class DroppingTransactionAction : IActionHandler
{
    public const string DroppingActor = "failing-disk";

    public string Name => "test.dropTransaction";

    public async Task<ActionResult> ExecuteAsync(ActionContext context, CancellationToken cancellationToken)
    {
        if (context.Actor != DroppingActor) return ActionResult.Done(new JsonObject { ["registered"] = true });
        var work = (Persistence.Stores.TransitionUnitOfWork)context.UnitOfWork;
        await using var command = work.Connection.CreateCommand();
        command.Transaction = work.Transaction;
        command.CommandText = "ROLLBACK";
        await command.ExecuteNonQueryAsync(cancellationToken);
        throw new InvalidOperationException("disk I/O error (simulated)");
    }
}

/// <summary>Counts the SQLite writer's transactions: with group commit, one per batch however many transitions it holds.</summary>
public sealed class WriterTransactions
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public void Add() => Interlocked.Increment(ref _count);
}
