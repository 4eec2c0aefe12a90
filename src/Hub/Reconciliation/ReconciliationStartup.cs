namespace GateSync.Hub.Reconciliation;

/// <summary>
/// Rebuilds the engine from the store after the host has started, so findings follow everything stored before
/// the restart without holding up ingest, the API or the dashboard (a district's two million check-ins take
/// seconds to read). Until it completes, the engine's changes wait (<see cref="Reconciler"/>) and
/// <c>GET /api/health/reconciliation</c> says it is rebuilding. A failed rebuild is logged and tried again.
/// </summary>
internal sealed partial class ReconciliationStartup(Reconciler reconciler, TimeProvider time, ILogger<ReconciliationStartup> logger)
    : BackgroundService
{
    public static readonly TimeSpan RetryAfter = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        for (var attempt = 1; !stoppingToken.IsCancellationRequested; attempt++)
        {
            try
            {
                await reconciler.RebuildAtStartAsync(stoppingToken).ConfigureAwait(false);
                return;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                // The host is stopping; the next start rebuilds.
                return;
            }
            catch (Exception ex)
            {
                // Ingest goes on storing check-ins; the feed holds them for the engine until a rebuild succeeds.
                Log.RebuildFailed(logger, attempt, RetryAfter.TotalSeconds, ex);
            }

            try
            {
                await Task.Delay(RetryAfter, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 604, Level = LogLevel.Error, Message = "Reconciliation rebuild at start failed (attempt {Attempt}); trying again in {Seconds} s, findings wait meanwhile")]
        public static partial void RebuildFailed(ILogger logger, int attempt, double seconds, Exception exception);
    }
}
