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
    private long _ackedUpTo;

    // Every seq up to this is sent or purged: where a scan for unsent check-ins may start, so a drain of a long
    // backlog reads each batch once instead of every remaining record per batch.
    private long _allSentThrough;

    /// <param name="key">
    /// Encrypts the file (LiteDB's AES) when set: <c>Agent:Outbox:Key</c> or the content of <c>Agent:Outbox:KeyFile</c>.
    /// A plain file found with a key set is encrypted in place; an encrypted file without its key stops the agent.
    /// </param>
    public CheckInOutbox(string dataDirectory, string siteId, string agentId, TimeProvider time, ILogger<CheckInOutbox> logger, string? key = null)
    {
        _siteId = siteId;
        _agentId = agentId;
        _time = time;
        _logger = logger;
        Directory.CreateDirectory(dataDirectory);
        DataDirectory = dataDirectory;
        _seqState = new SeqState(Path.Combine(dataDirectory, SeqStateFileName));

        _db = OutboxFile.Open(Path.Combine(dataDirectory, FileName), string.IsNullOrEmpty(key) ? null : key, time, logger, Probe);
        _records = _db.GetCollection<OutboxRecord>(RecordsCollection);
        _meta = _db.GetCollection<OutboxMeta>(MetaCollection);

        // The larger of the two: seq.state covers a fresh file, the meta document covers a lagging seq.state.
        var meta = _meta.FindById(OutboxMeta.Key);
        _lastSeq = Math.Max(meta?.LastSeq ?? 0, _seqState.Read());
        _ackedUpTo = Math.Min(meta?.AckedUpTo ?? 0, _lastSeq);
        OutboxLog.Opened(_logger, Path.Combine(dataDirectory, FileName), _lastSeq, BacklogCount());
    }

    public string DataDirectory { get; }

    /// <summary>The last <c>seq</c> given out; 0 before the agent's first check-in.</summary>
    public long LastSeq => Volatile.Read(ref _lastSeq);

    /// <summary>The hub's latest <c>ack</c>: every check-in up to it is durably stored at the hub.</summary>
    public long AckedUpTo => Volatile.Read(ref _ackedUpTo);

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
                _meta.Upsert(new OutboxMeta { LastSeq = seq, AckedUpTo = _ackedUpTo });
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
            var start = Math.Max(afterSeq, _allSentThrough);
            var fromHint = start == _allSentThrough;
            var pending = new List<OutboxEntry>(limit);

            // In seq (_id) order: records already sent are skipped as the scan passes them.
            foreach (var record in _records.Find(Query.GT("_id", start)))
            {
                if (!record.Sent)
                {
                    pending.Add(new OutboxEntry(record.Seq, Deserialize(record.Payload)));
                    if (pending.Count == limit)
                    {
                        break;
                    }
                }
                else if (fromHint && pending.Count == 0)
                {
                    _allSentThrough = record.Seq;
                }
            }

            return pending;
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

    /// <summary>
    /// Records the hub's <c>ack</c>: everything up to <paramref name="upTo"/> is stored at the hub, so none of it is sent
    /// again unless the hub asks. <c>false</c> when it acknowledges nothing new.
    /// </summary>
    public bool Acknowledge(long upTo)
    {
        lock (_gate)
        {
            // An ack above what this agent ever numbered comes from a hub that knew an earlier life of this agent id.
            upTo = Math.Min(upTo, _lastSeq);
            if (upTo <= _ackedUpTo)
            {
                return false;
            }

            var at = _time.GetUtcNow().UtcDateTime;
            InTransaction(() =>
            {
                _meta.Upsert(new OutboxMeta { LastSeq = _lastSeq, AckedUpTo = upTo });

                // Queued for a resend but acked meanwhile: no need to send it again.
                foreach (var record in _records.Find(r => r.Sent == false && r.Seq <= upTo).ToList())
                {
                    record.Sent = true;
                    record.SentAt ??= at;
                    _records.Update(record);
                }
            });
            Volatile.Write(ref _ackedUpTo, upTo);
            return true;
        }
    }

    /// <summary>
    /// Queues again every check-in the broker took but the hub has not acked within <paramref name="ackTimeout"/>,
    /// and returns how many. A <c>SentAt</c> in the future means the clock went back: that wait is over too.
    /// </summary>
    public int RequeueUnacked(TimeSpan ackTimeout)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        var overdue = now - ackTimeout;
        var future = now + ackTimeout;
        lock (_gate)
        {
            var acked = _ackedUpTo;
            var count = 0;
            InTransaction(() =>
            {
                foreach (var record in _records.Find(r => r.Sent == true && r.Seq > acked).ToList())
                {
                    if (record.SentAt is not { } sentAt || sentAt < overdue || sentAt > future)
                    {
                        record.Sent = false;
                        _records.Update(record);
                        _allSentThrough = Math.Min(_allSentThrough, record.Seq - 1);
                        count++;
                    }
                }
            });
            return count;
        }
    }

    /// <summary>
    /// Answers the hub's <c>replay</c>: queues again what the outbox still holds of <c>[from, to]</c>, acked or not
    /// (a hub restored from a backup asks for what it once acked).
    /// </summary>
    public ReplayOutcome Replay(long from, long to)
    {
        from = Math.Max(from, 1);
        lock (_gate)
        {
            to = Math.Min(to, _lastSeq);
            if (to < from)
            {
                return new ReplayOutcome(0, 0);
            }

            var held = 0;
            var low = from;
            var high = to;
            InTransaction(() =>
            {
                foreach (var record in _records.Find(r => r.Seq >= low && r.Seq <= high).ToList())
                {
                    held++;
                    if (record.Sent)
                    {
                        record.Sent = false;
                        _records.Update(record);
                        _allSentThrough = Math.Min(_allSentThrough, record.Seq - 1);
                    }
                }
            });
            return new ReplayOutcome(held, to - from + 1 - held);
        }
    }

    /// <summary>Deletes check-ins the hub acked that were sent before <paramref name="sentBefore"/>; returns how many.</summary>
    public int PurgeAcked(DateTimeOffset sentBefore)
    {
        var cutoff = sentBefore.UtcDateTime;
        lock (_gate)
        {
            var acked = _ackedUpTo;
            return _records.DeleteMany(r => r.Sent == true && r.Seq <= acked && r.SentAt < cutoff);
        }
    }

    /// <summary>How many check-ins the hub has not acked yet (sent or not).</summary>
    public long UnackedCount() => Math.Max(0, LastSeq - AckedUpTo);

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

    private static bool Probe(LiteDatabase db)
    {
        var records = db.GetCollection<OutboxRecord>(RecordsCollection);
        records.EnsureIndex(r => r.Sent);

        // Reads every record and the index the publisher uses, so a damaged file fails here, at open, and not halfway through a drain.
        foreach (var record in records.FindAll())
        {
            _ = record.Seq;
        }

        records.Count(r => r.Sent == false);
        db.GetCollection<OutboxMeta>(MetaCollection).FindById(OutboxMeta.Key);
        return true;
    }
}
