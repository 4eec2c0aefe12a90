using GateSync.Hub.Storage;
using LiteDB;
using Microsoft.Extensions.Options;

namespace GateSync.Hub.Delivery;

/// <summary>
/// Deletes raw check-ins that occurred more than <c>Hub:Retention:CheckInDays</c> ago, and rejected messages received more
/// than <c>Hub:Retention:RejectedDays</c> ago, in small transactions so ingest is never held up long. Agents' received
/// ranges and counters are kept: a late copy of a purged check-in stays a duplicate.
/// </summary>
public sealed partial class RetentionPurge(
    HubDatabase database,
    IOptions<RetentionOptions> options,
    TimeProvider time,
    ILogger<RetentionPurge> logger) : BackgroundService
{
    private const int ChunkSize = 2000;

    private static readonly string Before = $"$.{nameof(CheckInDocument.SightingKey)} < @0";

    private static readonly string ReceivedBefore = $"$.{nameof(RejectedDocument.ReceivedAt)} < @0";

    /// <summary>The first purge waits a little, so the hub's start (and its reconciliation rebuild) goes first.</summary>
    private static readonly TimeSpan FirstDelay = TimeSpan.FromSeconds(30);

    /// <summary>Deletes what is past retention now; returns how many check-ins went. Synchronous: LiteDB transactions are per thread.</summary>
    public int PurgeNow()
    {
        var now = time.GetUtcNow();
        if (options.Value.RejectedDays is > 0 and var rejectedDays
            && DeleteInChunks(database.Database.GetCollection(HubDatabase.RejectedCollection), ReceivedBefore, now.AddDays(-rejectedDays).UtcDateTime) is > 0 and var rejected)
        {
            Log.PurgedRejected(logger, rejected, rejectedDays);
        }

        if (options.Value.CheckInDays is not (> 0 and var days))
        {
            return 0;
        }

        // Through the sighting key's index, which sorts check-ins by when they happened.
        var deleted = DeleteInChunks(database.CheckInDocuments, Before, SightingKeyFormat.From(now.AddDays(-days).UtcDateTime));
        if (deleted > 0)
        {
            Log.Purged(logger, deleted, days);
        }

        return deleted;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.PurgesAnything)
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

    /// <summary>Deletes what <paramref name="predicate"/> finds through its index, a small transaction at a time, so ingest is never held up long.</summary>
    private int DeleteInChunks(ILiteCollection<BsonDocument> collection, string predicate, BsonValue before)
    {
        var deleted = 0;
        while (true)
        {
            var ids = collection.Query().Where(predicate, before).Select("$._id").Limit(ChunkSize).ToEnumerable().Select(d => d["_id"]).ToList();
            if (ids.Count == 0)
            {
                return deleted;
            }

            LiteTransaction.Run(database.Database, () =>
            {
                foreach (var id in ids)
                {
                    collection.Delete(id);
                }
            });

            deleted += ids.Count;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 722, Level = LogLevel.Information, Message = "Deleted {Count} rejected messages received more than {Days} days ago (Hub:Retention:RejectedDays)")]
        public static partial void PurgedRejected(ILogger logger, int count, int days);

        [LoggerMessage(EventId = 720, Level = LogLevel.Information, Message = "Deleted {Count} check-ins older than {Days} days (Hub:Retention:CheckInDays)")]
        public static partial void Purged(ILogger logger, int count, int days);

        [LoggerMessage(EventId = 721, Level = LogLevel.Error, Message = "Retention purge failed; it runs again at the next interval")]
        public static partial void Failed(ILogger logger, Exception exception);
    }
}
