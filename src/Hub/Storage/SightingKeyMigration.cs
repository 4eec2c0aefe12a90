using System.Diagnostics;
using LiteDB;

namespace GateSync.Hub.Storage;

/// <summary>
/// Gives every check-in stored by an earlier version its <see cref="CheckInDocument.SightingKey"/>, once, before the key's
/// index is made: a file from before has neither. Runs when the file is opened, so nothing reads a half-keyed store.
/// </summary>
/// <remarks>
/// Chunks in <c>_id</c> order, one transaction each, so a stop half way loses nothing and the next open goes on (a
/// check-in already keyed is passed over). A document without the fields (ingest never writes one) gets an empty key,
/// which the rebuild skips as it skipped such documents before.
/// </remarks>
internal static partial class SightingKeyMigration
{
    private const int ChunkSize = 5_000;
    private const int LogEvery = 200_000;

    /// <summary>True when check-ins have no index on the key yet: a file from before it, or a new one.</summary>
    public static bool IsNeeded(ILiteDatabase database, string collection) =>
        !database.GetCollection("$indexes")
            .Find(Query.And(Query.EQ("collection", collection), Query.EQ("name", nameof(CheckInDocument.SightingKey))))
            .Any();

    public static void Run(ILiteDatabase database, ILiteCollection<BsonDocument> checkIns, string path, ILogger logger)
    {
        var total = checkIns.LongCount();
        if (total == 0)
        {
            return;
        }

        Log.Adding(logger, path, total);
        var started = Stopwatch.GetTimestamp();
        long done = 0;
        BsonValue last = BsonValue.MinValue;
        while (true)
        {
            var chunk = checkIns.Query().Where("_id > @0", last).OrderBy("_id").Limit(ChunkSize).ToList();
            if (chunk.Count == 0)
            {
                break;
            }

            var changed = chunk.Where(d => !d[nameof(CheckInDocument.SightingKey)].IsString).Select(WithKey).ToList();
            if (changed.Count > 0)
            {
                LiteTransaction.Run(database, () => checkIns.Update(changed));
            }

            last = chunk[^1]["_id"];
            var before = done;
            done += chunk.Count;
            if (done / LogEvery != before / LogEvery)
            {
                Log.Progress(logger, done, total, Stopwatch.GetElapsedTime(started).TotalSeconds);
            }
        }

        Log.Added(logger, done, Stopwatch.GetElapsedTime(started).TotalSeconds);
    }

    private static BsonDocument WithKey(BsonDocument document)
    {
        document[nameof(CheckInDocument.SightingKey)] =
            document[nameof(CheckInDocument.OccurredAt)] is { IsDateTime: true } occurredAt
            && document[nameof(CheckInDocument.SiteId)] is { IsString: true } siteId
            && document[nameof(CheckInDocument.IdNumber)] is { IsString: true } idNumber
                ? SightingKeyFormat.Of(
                    new DateTimeOffset(occurredAt.AsDateTime.ToUniversalTime(), TimeSpan.Zero),
                    siteId.AsString,
                    idNumber.AsString,
                    document[nameof(CheckInDocument.Name)] is { IsString: true } name ? name.AsString : string.Empty)
                : string.Empty;
        return document;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 103, Level = LogLevel.Warning, Message = "Adding the reconciliation key to {Count} check-ins stored in {Path} by an earlier version, once; the hub serves when done (minutes for millions)")]
        public static partial void Adding(ILogger logger, string path, long count);

        [LoggerMessage(EventId = 104, Level = LogLevel.Information, Message = "Reconciliation key added to {Done} of {Total} check-ins in {Seconds:0.0} s")]
        public static partial void Progress(ILogger logger, long done, long total, double seconds);

        [LoggerMessage(EventId = 105, Level = LogLevel.Information, Message = "Reconciliation key added: {Count} check-ins in {Seconds:0.0} s")]
        public static partial void Added(ILogger logger, long count, double seconds);
    }
}
