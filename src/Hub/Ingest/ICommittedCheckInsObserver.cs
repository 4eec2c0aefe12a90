using GateSync.Hub.Storage;

namespace GateSync.Hub.Ingest;

/// <summary>
/// Told about every batch once it is committed (and acknowledged), so features that follow the stored
/// check-ins (reconciliation) need not poll the store. Called on the ingest thread: an implementation must
/// return at once (hand the batch to its own worker) and must not throw.
/// </summary>
public interface ICommittedCheckInsObserver
{
    void Committed(IngestBatch batch);
}
