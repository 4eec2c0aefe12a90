using System.Globalization;
using LiteDB;
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
        };
        _mapper = CreateMapper();
        _database = new LiteDatabase(connection, _mapper);

        CheckIns = Collection<CheckInDocument>(CheckInsCollection);
        Agents = Collection<AgentDocument>(AgentsCollection);
        Rejected = Collection<RejectedDocument>(RejectedCollection);
        EnsureIndexes();

        Log.Opened(logger, FilePath, connection.Password is not null);
    }

    public string FilePath { get; }

    /// <summary>For transactions and untyped reads; typed collections come from <see cref="Collection{T}"/>.</summary>
    public ILiteDatabase Database => _database;

    public ILiteCollection<CheckInDocument> CheckIns { get; }

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

    private void EnsureIndexes()
    {
        CheckIns.EnsureIndex(c => c.IdNumber);
        CheckIns.EnsureIndex(c => c.OccurredAt);

        // Counts per agent and site come from the _id index; these two only slowed ingest (files from before kept them).
        CheckIns.DropIndex(nameof(CheckInDocument.SiteId));
        CheckIns.DropIndex(nameof(CheckInDocument.AgentId));
        Agents.EnsureIndex(a => a.SiteId);
        Rejected.EnsureIndex(r => r.ReceivedAt);
    }

    private static BsonMapper CreateMapper()
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
    }
}
