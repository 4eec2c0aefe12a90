namespace GateSync.Hub.Reconciliation;

/// <summary>
/// Saves the engine's state once the rebuild at start is done, then every <see cref="Interval"/> while it changes, and
/// when the hub stops, so that a start reads only what was stored since instead of every stored check-in (seconds for
/// a district's two million). After a clean stop nothing is left to read; after a crash, at most an interval's worth.
/// </summary>
internal sealed partial class EngineStateSaver(Reconciler reconciler, TimeProvider time, ILogger<EngineStateSaver> logger) : BackgroundService
{
    /// <summary>A save of a district's state costs about a second of one core; a crash then costs at most this much reading.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(10);

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);

        // Bounded by the host's shutdown timeout; a save cut short leaves the state saved before (one transaction).
        await SaveAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await reconciler.Rebuilt.WaitAsync(stoppingToken).ConfigureAwait(false);
            while (!stoppingToken.IsCancellationRequested)
            {
                await SaveAsync(stoppingToken).ConfigureAwait(false);
                await Task.Delay(Interval, time, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: StopAsync saves once more.
        }
    }

    private async Task SaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await reconciler.SaveStateAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The hub is stopping (StopAsync saves once more) or ran out of time to stop: the state saved before stays.
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Only the next start's speed depends on it: it reads more of the store.
            Log.SaveFailed(logger, ex);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 634, Level = LogLevel.Warning, Message = "Could not save the reconciliation state; the next start reads more of the store")]
        public static partial void SaveFailed(ILogger logger, Exception exception);
    }
}
