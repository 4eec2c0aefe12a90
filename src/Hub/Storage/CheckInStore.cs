using System.Text;
using GateSync.Contracts.Wire;
using LiteDB;

namespace GateSync.Hub.Storage;

/// <summary>
/// Commits what ingest received, one transaction per batch, storing each <c>(agentId, seq)</c> once.
/// The agent's received ranges are updated in the same transaction, so they are the authority on duplicates.
/// </summary>
public sealed partial class CheckInStore(HubDatabase database, ILogger<CheckInStore> logger)
{
    /// <summary>How much of a rejected payload is kept.</summary>
    public const int RejectedPayloadChars = 1024;

    /// <summary>
    /// Stores <paramref name="batch"/> atomically. Synchronous on purpose: LiteDB binds a transaction to the
    /// calling thread, so no await may come between begin and commit.
    /// </summary>
    public IngestBatchOutcome Commit(IngestBatch batch)
    {
        try
        {
            return Commit(batch, checkStored: false);
        }
        catch (LiteException ex) when (ex.ErrorCode == LiteException.INDEX_DUPLICATE_KEY)
        {
            // The ledger missed a check-in that is stored. Retrying as before would fail forever and stop ingest for
            // every agent, so look each check-in up this once, count the stored ones as duplicates and mend the ledger.
            Log.LedgerBehindStore(logger, ex.Message);
            return Commit(batch, checkStored: true);
        }
    }

    private IngestBatchOutcome Commit(IngestBatch batch, bool checkStored) =>
        LiteTransaction.Run(database.Database, () =>
        {
            var agents = new Dictionary<string, AgentLedger>(StringComparer.Ordinal);
            var toStore = new List<BsonDocument>(batch.CheckIns.Count);
            var duplicates = 0;
            foreach (var checkIn in batch.CheckIns)
            {
                var ledger = LedgerFor(agents, checkIn.AgentId, checkIn.SiteId);
                ledger.Document.SiteId = checkIn.SiteId;
                ledger.Document.LastSeenAt = batch.ReceivedAt;
                if (ledger.Ranges.Add(checkIn.Seq) && !(checkStored && IsStored(checkIn)))
                {
                    toStore.Add(CheckInBson.From(CheckInDocument.From(checkIn, batch.ReceivedAt)));
                }
                else
                {
                    ledger.Document.DuplicateCount++;
                    duplicates++;
                }
            }

            // One engine call for the batch: LiteDB's per-call cost (snapshot, collection page) is paid once.
            var stored = toStore.Count == 0 ? 0 : database.CheckInDocuments.Insert(toStore);

            var statusesApplied = 0;
            foreach (var status in batch.Statuses)
            {
                var ledger = LedgerFor(agents, status.AgentId, status.SiteId);
                if (Apply(ledger.Document, status, batch.ReceivedAt))
                {
                    statusesApplied++;
                }
            }

            foreach (var ledger in agents.Values)
            {
                ledger.Save();
                database.Agents.Upsert(ledger.Document);
            }

            foreach (var rejection in batch.Rejections)
            {
                database.Rejected.Insert(ToDocument(rejection, batch.ReceivedAt));
            }

            return new IngestBatchOutcome(stored, duplicates, batch.Rejections.Count, statusesApplied);
        });

    // FindById, not Query.EQ: LiteDB compiles and keeps every distinct query text for the life of the process.
    private bool IsStored(CheckIn checkIn) =>
        database.CheckInDocuments.FindById(CheckInDocument.KeyOf(checkIn.AgentId, checkIn.Seq)) is not null;

    private AgentLedger LedgerFor(Dictionary<string, AgentLedger> agents, string agentId, string siteId)
    {
        if (!agents.TryGetValue(agentId, out var ledger))
        {
            var document = database.Agents.FindById(agentId) ?? new AgentDocument { Id = agentId, SiteId = siteId };
            ledger = new AgentLedger(document);
            agents.Add(agentId, ledger);
        }

        return ledger;
    }

    private static bool Apply(AgentDocument agent, AgentStatus status, DateTimeOffset receivedAt)
    {
        // Retained statuses are redelivered on every resubscribe; only a newer one may change the state.
        if (agent.StatusAt is { } appliedAt && status.At < appliedAt)
        {
            return false;
        }

        agent.SiteId = status.SiteId;
        agent.Online = status.State == AgentState.Online;
        agent.StatusAt = status.At.ToUniversalTime();
        agent.Backlog = status.Backlog;
        agent.LastSeenAt = receivedAt;
        return true;
    }

    private static RejectedDocument ToDocument(Rejection rejection, DateTimeOffset receivedAt)
    {
        var text = Encoding.UTF8.GetString(rejection.Payload.Span);
        return new RejectedDocument
        {
            Topic = rejection.Topic,
            Kind = rejection.Kind.ToString(),
            Reason = rejection.Reason,
            ReceivedAt = receivedAt,
            PayloadBytes = rejection.Payload.Length,
            Payload = text.Length <= RejectedPayloadChars ? text : text[..RejectedPayloadChars],
        };
    }

    /// <summary>An agent document with its ranges decoded for the length of one batch.</summary>
    private sealed class AgentLedger(AgentDocument document)
    {
        public AgentDocument Document { get; } = document;

        public SeqRanges Ranges { get; } = document.ReceivedRanges();

        public void Save()
        {
            Document.Received = [.. Ranges.Ranges.Select(r => new ReceivedRange { From = r.From, To = r.To })];
            Document.LastSeq = Ranges.Highest;
            Document.StoredCount = Ranges.Count;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 315, Level = LogLevel.Error, Message = "An agent's received ranges lacked a check-in already stored ({Error}); the batch is committed again with each check-in looked up, and the ranges are mended")]
        public static partial void LedgerBehindStore(ILogger logger, string error);
    }
}
