namespace GateSync.Hub.Reconciliation;

/// <summary>
/// Judges each committed batch from the <see cref="ReconciliationFeed"/> and stores the findings it changes. Batches
/// committed during the rebuild at start wait in the feed until it is done (<see cref="Reconciler"/>).
/// </summary>
public sealed partial class ReconciliationWorker(ReconciliationFeed feed, Reconciler reconciler, ILogger<ReconciliationWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var batch in feed.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await reconciler.RecordCommittedAsync(batch, stoppingToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The check-ins are stored; the next rebuild judges them. Keep serving the rest.
                    Log.BatchFailed(logger, batch.CheckIns.Count, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping; what was not judged is judged by the rebuild at the next start.
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 610, Level = LogLevel.Error, Message = "Reconciliation could not judge a batch of {Count} check-ins; a rebuild will")]
        public static partial void BatchFailed(ILogger logger, int count, Exception exception);
    }
}
