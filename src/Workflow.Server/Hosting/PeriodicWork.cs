namespace Workflow.Server.Hosting;

/// <summary>A background service's loop: work on every tick of the service clock until the host stops.</summary>
internal static class PeriodicWork
{
    /// <summary>
    /// Runs <paramref name="tick"/> every <paramref name="period"/>; when it fails (other than by cancellation),
    /// <paramref name="failed"/> decides what follows and the loop goes on. Ends quietly when <paramref name="stopping"/> fires.
    /// </summary>
    public static async Task RunAsync(TimeSpan period, TimeProvider clock, Func<CancellationToken, Task> tick,
        Func<Exception, CancellationToken, Task> failed, CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(period, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stopping))
            {
                try
                {
                    await tick(stopping);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    await failed(ex, stopping);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
