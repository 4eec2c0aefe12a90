using System.Diagnostics;
using System.Globalization;
using LiteDB;
using LiteDB.Engine;
using Microsoft.Extensions.Options;

namespace GateSync.Hub.Storage;

/// <summary>
/// The hub's LiteDB file, <c>{DataDirectory}/hub.db</c>, and its collections.
/// Opened with <c>Connection=direct</c>: one process owns the file and keeps one engine open, which is
/// what reaches ~21k inserts/s (field notes); <c>shared</c> reopens the file around every call and only
/// pays off when several processes must use the same file, which a hub never does.
/// </summary>
public sealed partial class HubDatabase : IDisposable
{
    public const string FileName = "hub.db";
    public const string CheckInsCollection = "checkins";
    public const string AgentsCollection = "agents";
    public const string RejectedCollection = "rejected";

    /// <summary>Indexes older versions kept on check-ins, dropped when the file is opened.</summary>
    private static readonly string[] RetiredCheckInIndexes =
    [
        nameof(CheckInDocument.IdNumber), nameof(CheckInDocument.SiteId), nameof(CheckInDocument.AgentId),
        nameof(CheckInDocument.OccurredAt),
    ];

    private readonly LiteDatabase _database;
    private readonly BsonMapper _mapper;
    private readonly Lock _mapping = new();

    public HubDatabase(IOptions<HubOptions> options, ILogger<HubDatabase> logger)
    {
        var settings = options.Value;
        var directory = Path.GetFullPath(settings.DataDirectory);
        Directory.CreateDirectory(directory);
        FilePath = Path.Combine(directory, FileName);

        var connection = new ConnectionString
        {
            Filename = FilePath,
            Connection = ConnectionType.Direct,
            Password = string.IsNullOrEmpty(settings.Database.Password) ? null : settings.Database.Password,
            // A file keeps the collation it was made with, and LiteDB refuses to open it with another.
            Collation = File.Exists(FilePath) ? null : Collation.Binary,
        };
        _mapper = CreateMapper();
        _database = new LiteDatabase(connection, _mapper);
        EnsureBinaryCollation(connection.Password, logger);

        CheckIns = Collection<CheckInDocument>(CheckInsCollection);
        Agents = Collection<AgentDocument>(AgentsCollection);
        Rejected = Collection<RejectedDocument>(RejectedCollection);
        CheckInDocuments = _database.GetCollection(CheckInsCollection);
        EnsureIndexes(logger);

        Log.Opened(logger, FilePath, connection.Password is not null);
    }

    public string FilePath { get; }

    /// <summary>For transactions and untyped reads; typed collections come from <see cref="Collection{T}"/>.</summary>
    public ILiteDatabase Database => _database;

    public ILiteCollection<CheckInDocument> CheckIns { get; }

    /// <summary>The check-ins untyped, for ingest's inserts (<see cref="CheckInBson"/>) and reads of a few fields.</summary>
    public ILiteCollection<BsonDocument> CheckInDocuments { get; }

    public ILiteCollection<AgentDocument> Agents { get; }

    public ILiteCollection<RejectedDocument> Rejected { get; }

    /// <summary>
    /// A typed collection in this file, for features that keep their own. Always take typed collections here rather
    /// than from <see cref="Database"/>: the document's mapping is built whole before any thread reads with it
    /// (see <see cref="BsonMapperPreparation"/>).
    /// </summary>
    public ILiteCollection<T> Collection<T>(string name)
    {
        lock (_mapping)
        {
            BsonMapperPreparation.Prepare(_mapper, typeof(T));
            return _database.GetCollection<T>(name);
        }
    }

    public void Dispose() => _database.Dispose();

    private void EnsureIndexes(ILogger logger)
    {
        // Each secondary index on check-ins costs ingest a large share of its rate (bench/README.md), so they carry only
        // the sighting key, which the reconciliation rebuild reads without documents and the retention purge reads by
        // time. Counts per agent and site come from the _id index; nothing looks check-ins up by ID number (a person's
        // whereabouts are the reconciliation engine's). Files from before kept others, dropped first so that keying
        // their check-ins does not update them too.
        foreach (var retired in RetiredCheckInIndexes)
        {
            CheckIns.DropIndex(retired);
        }

        if (SightingKeyMigration.IsNeeded(_database, CheckInsCollection))
        {
            SightingKeyMigration.Run(_database, CheckInDocuments, FilePath, logger);
        }

        CheckIns.EnsureIndex(c => c.SightingKey);
        Agents.EnsureIndex(a => a.SiteId);
        Rejected.EnsureIndex(r => r.ReceivedAt);
    }

    /// <summary>
    /// Keys compare as ordinal text. LiteDB's default collation compares every index key through the culture's rules
    /// (ICU), which was a third of each insert's index work; the hub's keys are identifiers, not words to sort.
    /// Files made before keep the collation they were made with until rebuilt, so they are rebuilt once here.
    /// </summary>
    private void EnsureBinaryCollation(string? password, ILogger logger)
    {
        var collation = _database.Pragma("COLLATION").AsString;
        if (collation == Collation.Binary.ToString())
        {
            return;
        }

        Log.RebuildingForCollation(logger, FilePath, collation);
        var started = Stopwatch.GetTimestamp();
        _database.Rebuild(new RebuildOptions { Collation = Collation.Binary, Password = password });
        Log.Rebuilt(logger, FilePath, Stopwatch.GetElapsedTime(started).TotalSeconds);
    }

    internal static BsonMapper CreateMapper()
    {
        // A mapper of our own: BsonMapper.Global is process-wide and tests run several hubs in one process.
        var mapper = new BsonMapper { EnumAsInteger = false };

        // LiteDB has no DateOnly; ISO text keeps order and reads well in LiteDB Studio.
        mapper.RegisterType(
            date => new BsonValue(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            bson => DateOnly.ParseExact(bson.AsString, "yyyy-MM-dd", CultureInfo.InvariantCulture));
        return mapper;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Opened hub database {Path} (encrypted: {Encrypted})")]
        public static partial void Opened(ILogger logger, string path, bool encrypted);

        [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "Rebuilding {Path} once to compare keys as ordinal text (it was made with collation {Collation}); a large file takes minutes")]
        public static partial void RebuildingForCollation(ILogger logger, string path, string collation);

        [LoggerMessage(EventId = 102, Level = LogLevel.Information, Message = "Rebuilt {Path} in {Seconds:0.0} s")]
        public static partial void Rebuilt(ILogger logger, string path, double seconds);
    }
}
