namespace Workflow.Persistence.Stores;

/// <summary>
/// Group commit: transitions that arrive while the writer is busy wait here and are then written together, in one transaction with
/// one fsync. The writer takes whatever is queued when it becomes free, up to a bound; a lone transition is taken at once, with no
/// timer and no waiting for company, so the batch grows with the load alone. The store's batch writer decides how the transitions of a
/// batch stay apart (on SQLite a savepoint each) and answers each one only after the commit that holds it.
/// </summary>
internal sealed class GroupCommit(Func<IReadOnlyList<QueuedTransition>, Task> writeBatch, int maxBatch = GroupCommit.DefaultMaxBatch)
{
    /// <summary>The probe in issue 15: 32 transitions per commit gave 3.6 × the one-per-commit rate; more buys little and delays the last.</summary>
    public const int DefaultMaxBatch = 32;

    private readonly Queue<QueuedTransition> _queue = new();
    private bool _writing;
    private long _batches;
    private long _written;

    /// <summary>Batches written and the transitions they held so far (for the benchmark's transitions per commit).</summary>
    internal (long Batches, long Transitions) Written => (Interlocked.Read(ref _batches), Interlocked.Read(ref _written));

    /// <summary>How many transitions wait for the writer (for tests that line a batch up).</summary>
    internal int Waiting
    {
        get
        {
            lock (_queue) return _queue.Count;
        }
    }

    public Task<T> RunAsync<T>(Func<TransitionSession, Task<T>> transition, CancellationToken cancellationToken)
    {
        var queued = new QueuedTransition<T>(transition, cancellationToken);
        bool lead;
        lock (_queue)
        {
            _queue.Enqueue(queued);
            lead = !_writing;
            _writing = true;
        }
        // The first to find the writer idle becomes it, on its own thread: a lone transition pays no hand-over.
        if (lead) _ = WriteWhileQueuedAsync();
        return queued.Answer;
    }

    private async Task WriteWhileQueuedAsync()
    {
        for (var first = true; ; first = false)
        {
            List<QueuedTransition> batch;
            lock (_queue)
            {
                if (_queue.Count == 0)
                {
                    _writing = false;
                    return;
                }
                batch = new List<QueuedTransition>(Math.Min(_queue.Count, maxBatch));
                while (batch.Count < maxBatch && _queue.TryDequeue(out var next)) batch.Add(next);
            }
            // Later batches run on the thread pool, so the caller that became the writer gets its answer back without serving the rest.
            if (!first) await Task.Yield();
            Interlocked.Increment(ref _batches);
            Interlocked.Add(ref _written, batch.Count);
            try
            {
                await writeBatch(batch);
            }
            catch (Exception ex)
            {
                // Nothing of the batch is committed: each caller still waiting learns why, none is left hanging.
                foreach (var transition in batch) transition.Fail(ex);
            }
        }
    }
}

/// <summary>One transition waiting for the writer, and its caller's answer once the batch that holds it is over.</summary>
internal abstract class QueuedTransition(CancellationToken cancellationToken)
{
    public CancellationToken CancellationToken => cancellationToken;

    /// <summary>Runs the transition's work in <paramref name="session"/> and keeps its result for <see cref="Succeed"/>; throws when it fails.</summary>
    public abstract Task RunAsync(TransitionSession session);

    /// <summary>Answers the caller with the kept result: call only once the commit is durable.</summary>
    public abstract void Succeed();

    /// <summary>Answers the caller with <paramref name="error"/>, unless it already has its answer.</summary>
    public abstract void Fail(Exception error);
}

internal sealed class QueuedTransition<T>(Func<TransitionSession, Task<T>> work, CancellationToken cancellationToken) : QueuedTransition(cancellationToken)
{
    private readonly TaskCompletionSource<T> _answer = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private T _result = default!;

    public Task<T> Answer => _answer.Task;

    public override async Task RunAsync(TransitionSession session) => _result = await work(session);

    public override void Succeed() => _answer.TrySetResult(_result);

    public override void Fail(Exception error)
    {
        if (error is OperationCanceledException cancelled && cancelled.CancellationToken == CancellationToken) _answer.TrySetCanceled(CancellationToken);
        else _answer.TrySetException(error);
    }
}
