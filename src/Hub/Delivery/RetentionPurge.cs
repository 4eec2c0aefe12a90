using GateSync.Hub.Storage;
using Microsoft.Extensions.Options;

namespace GateSync.Hub.Delivery;

/// <summary>
/// Deletes raw check-ins that occurred more than <c>Hub:Retention:CheckInDays</c> ago, in small transactions so ingest is
/// never held up long. Agents' received ranges and counters are kept: a late copy of a purged check-in stays a duplicate.
/// </summary>
public sealed partial class RetentionPurge(
    HubDatabase database,
    IOptions<RetentionOptions> options,
    TimeProvider time,
    ILogger<RetentionPurge> logger) : BackgroundService
{
    private const int ChunkSize = 2000;

    private static readonly string Before = $"$.{nameof(CheckInDocument.SightingKey)} < @0";

    /// <summary>The first purge waits a little, so the hub's start (and its reconciliation rebuild) goes first.</summary>
    private static readonly TimeSpan FirstDelay = TimeSpan.FromSeconds(30);

    /// <summary>Deletes what is past retention now; returns how many check-ins went. Synchronous: LiteDB transactions are per thread.</summary>
    public int PurgeNow()
    {
        var days = options.Value.CheckInDays;
        if (days == 0)
        {
            return 0;
        }

        var cutoff = time.GetUtcNow().AddDays(-days);
        var deleted = 0;
        while (true)
        {
            // Through the sighting key's index, which sorts check-ins by when they happened.
            var ids = database.CheckInDocuments.Query()
                .Where(Before, SightingKeyFormat.From(cutoff.UtcDateTime))
                .Select("$._id")
                .Limit(ChunkSize)
                .ToEnumerable()
                .Select(d => d["_id"])
                .ToList();
            if (ids.Count == 0)
            {
                break;
            }

            database.Database.BeginTrans();
            try
            {
                foreach (var id in ids)
                {
                    database.CheckIns.Delete(id);
                }

                database.Database.Commit();
            }
            catch
            {
                database.Database.Rollback();
                throw;
            }

            deleted += ids.Count;
        }

        if (deleted > 0)
        {
            Log.Purged(logger, deleted, days);
        }

        return deleted;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.CheckInDays == 0)
        {
            return;
        }

        var delay = FirstDelay;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(delay, time, stoppingToken).ConfigureAwait(false);
                await Task.Run(PurgeNow, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                Log.Failed(logger, ex);
            }

            delay = TimeSpan.FromMinutes(options.Value.PurgeIntervalMinutes);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 720, Level = LogLevel.Information, Message = "Deleted {Count} check-ins older than {Days} days (Hub:Retention:CheckInDays)")]
        public static partial void Purged(ILogger logger, int count, int days);

        [LoggerMessage(EventId = 721, Level = LogLevel.Error, Message = "Retention purge failed; it runs again at the next interval")]
        public static partial void Failed(ILogger logger, Exception exception);
    }
}
