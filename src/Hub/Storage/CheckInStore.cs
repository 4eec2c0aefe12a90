using System.Text;
using GateSync.Contracts.Wire;

namespace GateSync.Hub.Storage;

/// <summary>
/// Commits what ingest received, one transaction per batch, storing each <c>(agentId, seq)</c> once.
/// The agent's received ranges are updated in the same transaction, so they are the authority on duplicates.
/// </summary>
public sealed class CheckInStore(HubDatabase database)
{
    /// <summary>How much of a rejected payload is kept.</summary>
    public const int RejectedPayloadChars = 1024;

    /// <summary>
    /// Stores <paramref name="batch"/> atomically. Synchronous on purpose: LiteDB binds a transaction to the
    /// calling thread, so no await may come between begin and commit.
    /// </summary>
    public IngestBatchOutcome Commit(IngestBatch batch)
    {
        var db = database.Database;
        if (!db.BeginTrans())
        {
            throw new InvalidOperationException("a LiteDB transaction is already open on the ingest thread");
        }

        try
        {
            var agents = new Dictionary<string, AgentLedger>(StringComparer.Ordinal);
            var stored = 0;
            var duplicates = 0;
            foreach (var checkIn in batch.CheckIns)
            {
                var ledger = LedgerFor(agents, checkIn.AgentId, checkIn.SiteId);
                ledger.Document.SiteId = checkIn.SiteId;
                ledger.Document.LastSeenAt = batch.ReceivedAt;
                if (ledger.Ranges.Add(checkIn.Seq))
                {
                    database.CheckIns.Insert(CheckInDocument.From(checkIn, batch.ReceivedAt));
                    stored++;
                }
                else
                {
                    ledger.Document.DuplicateCount++;
                    duplicates++;
                }
            }

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

            db.Commit();
            return new IngestBatchOutcome(stored, duplicates, batch.Rejections.Count, statusesApplied);
        }
        catch
        {
            db.Rollback();
            throw;
        }
    }

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

        public SeqRanges Ranges { get; } = SeqRanges.From(document.Received.Select(r => new SeqRange(r.From, r.To)));

        public void Save()
        {
            Document.Received = [.. Ranges.Ranges.Select(r => new ReceivedRange { From = r.From, To = r.To })];
            Document.LastSeq = Ranges.Highest;
            Document.StoredCount = Ranges.Count;
        }
    }
}
