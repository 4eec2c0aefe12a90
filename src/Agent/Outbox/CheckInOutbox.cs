using System.Text;
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

    /// <summary>Requeues remembered for <c>MarkSent</c>; a mark older than all of them marks nothing.</summary>
    private const int RequeuesKept = 64;

    private readonly Lock _gate = new();
    private readonly string _siteId;
    private readonly string _agentId;
    private readonly TimeProvider _time;
    private readonly ILogger<CheckInOutbox> _logger;
    private readonly SeqState _seqState;
    private readonly LiteDatabase _db;
    private readonly ILiteCollection<OutboxRecord> _records;

    // The same records as plain BSON, for the drain's hot path (read pending, mark sent) where mapping costs most.
    private readonly ILiteCollection<BsonDocument> _documents;
    private readonly ILiteCollection<OutboxMeta> _meta;
    private long _lastSeq;
    private long _ackedUpTo;

    // Requeues (replay, ack timeout) as (epoch, from, to), newest last. A publisher reads a batch at one epoch and marks
    // it sent later; a requeue in between must win, or the check-in queued again would never go out again.
    private readonly List<(long Epoch, long From, long To)> _requeues = [];
    private long _requeueEpoch;

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
        _documents = _db.GetCollection(RecordsCollection);
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
            // Sized for a swipe or two at rest; a backlog's batches grow it.
            var pending = new List<OutboxEntry>(Math.Min(limit, 16));

            // In seq (_id) order: records already sent are skipped as the scan passes them. Read as plain documents and
            // the payload handed on as stored: mapping each record to a class, and its JSON to a CheckIn and back for the
            // publish, was a large share of a backlog drain's CPU.
            // Parameterised: LiteDB compiles and caches every distinct query text for good, and Query.GT puts the value in it.
            foreach (var document in _documents.Find(BsonExpression.Create("_id > @0", start)))
            {
                var seq = document["_id"].AsInt64;
                if (!document[nameof(OutboxRecord.Sent)].AsBoolean)
                {
                    pending.Add(new OutboxEntry(seq, OutboxRecord.PayloadBytes(document[nameof(OutboxRecord.Payload)])) { Stored = document });
                    if (pending.Count == limit)
                    {
                        break;
                    }
                }
                else if (fromHint && pending.Count == 0)
                {
                    _allSentThrough = seq;
                }
            }

            return pending;
        }
    }

    /// <summary>Counts requeues (replay, ack timeout); read it before <see cref="Pending"/> and hand it back to <c>MarkSent</c>.</summary>
    public long RequeueEpoch
    {
        get
        {
            lock (_gate)
            {
                return _requeueEpoch;
            }
        }
    }

    /// <summary>
    /// Marks the broker-acknowledged check-ins as sent, all in one transaction. Unknown and already sent seqs are ignored,
    /// and so are those queued again after <paramref name="readAtEpoch"/> (the <see cref="RequeueEpoch"/> read before the
    /// batch was), which go out once more.
    /// </summary>
    public void MarkSent(IReadOnlyCollection<long> seqs, long? readAtEpoch = null)
    {
        ArgumentNullException.ThrowIfNull(seqs);
        if (seqs.Count == 0)
        {
            return;
        }

        var sorted = seqs.ToArray();
        Array.Sort(sorted);
        var at = new BsonValue(_time.GetUtcNow().UtcDateTime);
        lock (_gate)
        {
            InTransaction(() =>
            {
                var changed = new List<BsonDocument>(sorted.Length);
                foreach (var document in Stored(sorted))
                {
                    var seq = document["_id"].AsInt64;
                    if (!document[nameof(OutboxRecord.Sent)].AsBoolean && Array.BinarySearch(sorted, seq) >= 0
                        && !RequeuedSince(readAtEpoch ?? _requeueEpoch, seq))
                    {
                        document[nameof(OutboxRecord.Sent)] = true;
                        document[nameof(OutboxRecord.SentAt)] = at;
                        changed.Add(document);
                    }
                }

                // One engine call for the batch instead of a FindById and an Update per check-in.
                _documents.Update(changed);
            });
        }
    }

    /// <summary>
    /// <see cref="MarkSent(IReadOnlyCollection{long}, long?)"/> for entries <see cref="Pending"/> handed out: their records
    /// are written back as read, with the mark, instead of read again. A record changed since can only have been
    /// acknowledged by the hub (marked sent too), queued again (skipped by the epoch) or purged (not written back).
    /// </summary>
    public void MarkSent(IReadOnlyList<OutboxEntry> entries, long readAtEpoch)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            return;
        }

        if (entries.Any(e => e.Stored is null))
        {
            MarkSent([.. entries.Select(e => e.Seq)], readAtEpoch);
            return;
        }

        var at = new BsonValue(_time.GetUtcNow().UtcDateTime);
        lock (_gate)
        {
            InTransaction(() =>
            {
                var changed = new List<BsonDocument>(entries.Count);
                foreach (var entry in entries)
                {
                    if (!RequeuedSince(readAtEpoch, entry.Seq))
                    {
                        var document = entry.Stored!;
                        document[nameof(OutboxRecord.Sent)] = true;
                        document[nameof(OutboxRecord.SentAt)] = at;
                        changed.Add(document);
                    }
                }

                _documents.Update(changed);
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
                // A range of _id above the ack: LiteDB would serve "Sent == true" from the Sent index, reading every
                // record kept for replays (days of them) into its cache at each upkeep.
                foreach (var record in _records.Find(BsonExpression.Create("_id > @0", acked)).ToList())
                {
                    if (!record.Sent)
                    {
                        continue;
                    }

                    if (record.SentAt is not { } sentAt || sentAt < overdue || sentAt > future)
                    {
                        record.Sent = false;
                        _records.Update(record);
                        _allSentThrough = Math.Min(_allSentThrough, record.Seq - 1);
                        count++;
                    }
                }
            });
            if (count > 0)
            {
                NoteRequeue(acked + 1, long.MaxValue);
            }

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

            // Also those still unsent: one may be in flight, and its mark must not cover the replay.
            NoteRequeue(low, high);
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

            // Oldest first along _id, stopping at the first one still kept: seqs are sent in order, so this reads
            // what goes and one more, not every record kept (a check-in sent again later waits for a later purge).
            var expired = new List<BsonValue>();
            foreach (var record in _records.Find(BsonExpression.Create("_id <= @0", acked)))
            {
                if (!record.Sent || record.SentAt is not { } sentAt || sentAt >= cutoff)
                {
                    break;
                }

                expired.Add(record.Seq);
            }

            var purged = 0;
            InTransaction(() =>
            {
                foreach (var seq in expired)
                {
                    purged += _records.Delete(seq) ? 1 : 0;
                }
            });
            return purged;
        }
    }

    /// <summary>How many check-ins the hub has not acked yet (sent or not).</summary>
    public long UnackedCount() => Math.Max(0, LastSeq - AckedUpTo);

    public void Dispose() => _db.Dispose();

    private void NoteRequeue(long from, long to)
    {
        _requeueEpoch++;
        _requeues.Add((_requeueEpoch, from, to));
        if (_requeues.Count > RequeuesKept)
        {
            _requeues.RemoveAt(0);
        }
    }

    /// <summary>Whether <paramref name="seq"/> was queued again after <paramref name="epoch"/>; when that history is no longer kept, assume so.</summary>
    private bool RequeuedSince(long epoch, long seq)
    {
        if (epoch >= _requeueEpoch)
        {
            return false;
        }

        if (_requeues[0].Epoch > epoch + 1)
        {
            return true;
        }

        foreach (var (at, from, to) in _requeues)
        {
            if (at > epoch && seq >= from && seq <= to)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The stored records among <paramref name="sortedSeqs"/> (and, when they lie close together, the ones between):
    /// a publisher's acknowledged prefix is read in one range scan instead of a lookup per seq.
    /// </summary>
    private IEnumerable<BsonDocument> Stored(long[] sortedSeqs)
    {
        var (low, high) = (sortedSeqs[0], sortedSeqs[^1]);
        if (high - low < 4L * sortedSeqs.Length)
        {
            return _documents.Find(BsonExpression.Create("_id BETWEEN @0 AND @1", low, high)).ToList();
        }

        return sortedSeqs.Distinct().Select(seq => _documents.FindById(seq)).Where(d => d is not null).ToList();
    }

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
