using System.Threading.Channels;
using GateSync.Hub.Ingest;
using GateSync.Hub.Storage;

namespace GateSync.Hub.Reconciliation;

/// <summary>
/// Hands committed ingest batches to the <see cref="ReconciliationWorker"/> through a channel, so judging
/// check-ins never holds up the ingest thread or the agents' acks. Unbounded because ingest must never wait
/// on it; the engine judges a batch far faster than LiteDB commits one, so it stays near empty.
/// </summary>
public sealed class ReconciliationFeed : ICommittedCheckInsObserver
{
    private readonly Channel<IngestBatch> _batches = Channel.CreateUnbounded<IngestBatch>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });

    public ChannelReader<IngestBatch> Reader => _batches.Reader;

    public void Committed(IngestBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.CheckIns.Count == 0 && batch.Statuses.Count == 0)
        {
            return;
        }

        // Rejected payloads are of no use here; drop them rather than hold their bytes in the queue.
        _batches.Writer.TryWrite(batch with { Rejections = [] });
    }
}
