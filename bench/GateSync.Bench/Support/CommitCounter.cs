using GateSync.Hub.Ingest;
using GateSync.Hub.Storage;

namespace GateSync.Bench.Support;

/// <summary>
/// Told by the hub's batch writer of every committed batch (the hub's own observer seam), so the bench counts
/// stored check-ins as they commit without querying the store, and sees how big the batches are.
/// </summary>
public sealed class CommitCounter : ICommittedCheckInsObserver
{
    private long committed;
    private long batches;
    private long smallBatches;
    private long fullBatches;
    private long maxBatch;

    public long Stored => Interlocked.Read(ref committed);

    public long Batches => Interlocked.Read(ref batches);

    /// <summary>Batches of 20 check-ins or fewer: a broker's in-flight window, not the writer's batch size, made them.</summary>
    public long SmallBatches => Interlocked.Read(ref smallBatches);

    public long FullBatches => Interlocked.Read(ref fullBatches);

    public long MaxBatch => Interlocked.Read(ref maxBatch);

    public int FullBatchSize { get; init; } = 500;

    /// <summary>Called for each committed batch; a check-in counted here is durably stored.</summary>
    public Action<IngestBatch>? OnBatch { get; set; }

    public void Committed(IngestBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var count = batch.CheckIns.Count;
        Interlocked.Add(ref committed, count);
        Interlocked.Increment(ref batches);
        if (count <= 20)
        {
            Interlocked.Increment(ref smallBatches);
        }

        if (count >= FullBatchSize)
        {
            Interlocked.Increment(ref fullBatches);
        }

        long seen;
        while (count > (seen = Interlocked.Read(ref maxBatch)) && Interlocked.CompareExchange(ref maxBatch, count, seen) != seen)
        {
        }

        OnBatch?.Invoke(batch);
    }

    public double MeanBatch => Batches == 0 ? 0 : (double)Stored / Batches;
}
