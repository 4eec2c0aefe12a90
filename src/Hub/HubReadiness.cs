using GateSync.Hub.Reconciliation;

namespace GateSync.Hub;

/// <summary>
/// Whether the hub can do its job: the store is open and ingest holds its subscription. Reconciliation's rebuild
/// is shown beside it but is no part of it: ingest and the API serve while the engine rebuilds.
/// Written by those features, read by <c>GET /api/health</c> and <c>GET /api/health/reconciliation</c>.
/// </summary>
public sealed class HubReadiness
{
    private volatile bool _storeOpen;
    private volatile bool _ingestSubscribed;
    private ReconciliationStatus _reconciliation = ReconciliationStatus.Pending;

    public bool StoreOpen => _storeOpen;

    public bool IngestSubscribed => _ingestSubscribed;

    public bool IsReady => _storeOpen && _ingestSubscribed;

    public ReconciliationStatus Reconciliation => Volatile.Read(ref _reconciliation);

    internal void SetStoreOpen(bool open) => _storeOpen = open;

    internal void SetIngestSubscribed(bool subscribed) => _ingestSubscribed = subscribed;

    internal void SetReconciliation(ReconciliationStatus status) => Volatile.Write(ref _reconciliation, status);
}
