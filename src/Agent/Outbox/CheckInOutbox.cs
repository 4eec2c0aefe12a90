using System.Text;
using JsonSerializer = System.Text.Json.JsonSerializer;
using GateSync.Agent.Readers;
using GateSync.Contracts.Wire;
using LiteDB;

namespace GateSync.Agent.Outbox;

/// <summary>
/// The agent's durable store-and-forward queue: every swipe becomes a numbered check-in here before anything else
/// happens to it, and stays until the publisher has handed it to the broker (and, later, the hub has acked it).
/// </summary>
/// <remarks>
/// A LiteDB file (<c>outbox.db</c>) in the data directory. <c>seq</c> is assigned in the same transaction as the insert,
/// from a meta document, so a purge never lowers it; <c>seq.state</c> repeats it so a replaced corrupt file does not restart at 1.
/// </remarks>
public sealed class CheckInOutbox : IDisposable
{
    public const string FileName = "outbox.db";
    public const string SeqStateFileName = "seq.state";

    private const string RecordsCollection = "checkins";
    private const string MetaCollection = "meta";

    private readonly Lock _gate = new();
    private readonly string _siteId;
    private readonly string _agentId;
    private readonly TimeProvider _time;
    private readonly ILogger<CheckInOutbox> _logger;
    private readonly SeqState _seqState;
    private readonly LiteDatabase _db;
    private readonly ILiteCollection<OutboxRecord> _records;
    private readonly ILiteCollection<OutboxMeta> _meta;
    private long _lastSeq;

    public CheckInOutbox(string dataDirectory, string siteId, string agentId, TimeProvider time, ILogger<CheckInOutbox> logger)
    {
        _siteId = siteId;
        _agentId = agentId;
        _time = time;
        _logger = logger;
        Directory.CreateDirectory(dataDirectory);
        DataDirectory = dataDirectory;
        _seqState = new SeqState(Path.Combine(dataDirectory, SeqStateFileName));

        _db = OpenOrReplaceCorrupt(Path.Combine(dataDirectory, FileName));
        _records = _db.GetCollection<OutboxRecord>(RecordsCollection);
        _meta = _db.GetCollection<OutboxMeta>(MetaCollection);

        // The larger of the two: seq.state covers a fresh file, the meta document covers a lagging seq.state.
        var stored = _meta.FindById(OutboxMeta.Key)?.LastSeq ?? 0;
        _lastSeq = Math.Max(stored, _seqState.Read());
        OutboxLog.Opened(_logger, Path.Combine(dataDirectory, FileName), _lastSeq, BacklogCount());
    }

    public string DataDirectory { get; }

    /// <summary>The last <c>seq</c> given out; 0 before the agent's first check-in.</summary>
    public long LastSeq => Volatile.Read(ref _lastSeq);

    /// <summary>
    /// Numbers the swipe and stores it durably in one transaction, then returns the check-in. Only after this returns
    /// may the check-in leave the agent.
    /// </summary>
    public CheckIn Append(CardSwipe swipe, AccessDecision? access)
    {
        ArgumentNullException.ThrowIfNull(swipe);
        lock (_gate)
        {
            var seq = _lastSeq + 1;
            var checkIn = new CheckIn
            {
                AgentId = _agentId,
                SiteId = _siteId,
                Seq = seq,
                ReaderId = swipe.ReaderId,
                Direction = swipe.Direction,
                OccurredAt = swipe.OccurredAt,
                Card = swipe.Card,
                Access = access,
            };

            var record = new OutboxRecord { Seq = seq, Payload = Encoding.UTF8.GetString(ContractJson.Serialize(checkIn)) };
            InTransaction(() =>
            {
                _records.Insert(record);
                _meta.Upsert(new OutboxMeta { LastSeq = seq });
            });
            Volatile.Write(ref _lastSeq, seq);

            // Written after the commit: a seq not yet in seq.state has not been published, so should this commit be
            // lost with a corrupt file, giving the number out again harms nobody.
            try
            {
                _seqState.Write(seq);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The check-in is stored; failing now would make the recorder store the swipe twice. The next append rewrites the file.
                OutboxLog.SeqStateWriteFailed(_logger, ex, _seqState.Path, seq);
            }

            return checkIn;
        }
    }

    /// <summary>Check-ins not yet acknowledged by the broker, with <c>seq</c> above <paramref name="afterSeq"/>, in <c>seq</c> order.</summary>
    public IReadOnlyList<OutboxEntry> Pending(long afterSeq, int limit)
    {
        lock (_gate)
        {
            return _records.Query()
                .Where(r => r.Sent == false && r.Seq > afterSeq)
                .OrderBy(r => r.Seq)
                .Limit(limit)
                .ToList()
                .Select(r => new OutboxEntry(r.Seq, Deserialize(r.Payload)))
                .ToList();
        }
    }

    /// <summary>Marks the broker-acknowledged check-ins as sent, all in one transaction. Unknown seqs are ignored.</summary>
    public void MarkSent(IReadOnlyCollection<long> seqs)
    {
        ArgumentNullException.ThrowIfNull(seqs);
        if (seqs.Count == 0)
        {
            return;
        }

        var at = _time.GetUtcNow().UtcDateTime;
        lock (_gate)
        {
            InTransaction(() =>
            {
                foreach (var seq in seqs)
                {
                    var record = _records.FindById(seq);
                    if (record is { Sent: false })
                    {
                        record.Sent = true;
                        record.SentAt = at;
                        _records.Update(record);
                    }
                }
            });
        }
    }

    /// <summary>How many check-ins the broker has not yet acknowledged.</summary>
    public int BacklogCount()
    {
        lock (_gate)
        {
            return _records.Count(r => r.Sent == false);
        }
    }

    /// <summary>Whether a check-in is stored and marked sent; <c>null</c> when it is not stored (never, or purged).</summary>
    public bool? IsSent(long seq)
    {
        lock (_gate)
        {
            return _records.FindById(seq)?.Sent;
        }
    }

    /// <summary>Deletes sent check-ins up to <paramref name="upToSeq"/>; <c>seq</c> keeps counting from <see cref="LastSeq"/>.</summary>
    public int DeleteSentUpTo(long upToSeq)
    {
        lock (_gate)
        {
            return _records.DeleteMany(r => r.Sent == true && r.Seq <= upToSeq);
        }
    }

    public void Dispose() => _db.Dispose();

    private static CheckIn Deserialize(string payload) =>
        JsonSerializer.Deserialize(payload, ContractJson.Context.CheckIn)
        ?? throw new InvalidDataException("an outbox record holds JSON null instead of a check-in");

    private void InTransaction(Action work)
    {
        // LiteDB transactions belong to the calling thread; the lock keeps begin, work and commit on one.
        _db.BeginTrans();
        try
        {
            work();
            _db.Commit();
        }
        catch
        {
            _db.Rollback();
            throw;
        }
    }

    private LiteDatabase OpenOrReplaceCorrupt(string path)
    {
        try
        {
            return OpenAndProbe(path);
        }
        catch (Exception ex) when (IsCorruption(ex))
        {
            // A file that will not open must not keep the door from working (field notes): keep it for inspection, start afresh.
            var aside = Path.Combine(
                Path.GetDirectoryName(path)!,
                $"outbox.corrupt-{_time.GetUtcNow():yyyyMMdd'T'HHmmss'Z'}.db");
            File.Move(path, aside);
            var log = LogFileOf(path);
            if (File.Exists(log))
            {
                File.Move(log, LogFileOf(aside));
            }

            OutboxLog.CorruptMovedAside(_logger, ex, path, aside);
            return OpenAndProbe(path);
        }
    }

    private static LiteDatabase OpenAndProbe(string path)
    {
        var db = new LiteDatabase(new ConnectionString { Filename = path, Connection = ConnectionType.Direct }, new BsonMapper());
        try
        {
            var records = db.GetCollection<OutboxRecord>(RecordsCollection);
            records.EnsureIndex(r => r.Sent);
            records.Count();
            db.GetCollection<OutboxMeta>(MetaCollection).FindById(OutboxMeta.Key);
            return db;
        }
        catch
        {
            db.Dispose();
            throw;
        }
    }

    /// <summary>LiteDB keeps uncheckpointed commits in <c>name-log.ext</c> beside the data file.</summary>
    private static string LogFileOf(string path) =>
        Path.Combine(Path.GetDirectoryName(path)!, Path.GetFileNameWithoutExtension(path) + "-log" + Path.GetExtension(path));

    /// <summary>
    /// A damaged file surfaces as a LiteDB error or as a failure deep in its page reader; an I/O or permission problem
    /// is not corruption, and discarding the file for it would lose data.
    /// </summary>
    private static bool IsCorruption(Exception ex) =>
        ex is not (IOException or UnauthorizedAccessException or OutOfMemoryException or OperationCanceledException);
}
