namespace GateSync.Hub;

/// <summary>
/// Whether the hub can do its job: the store is open and ingest holds its subscription.
/// Written by those features, read by <c>GET /api/health</c>.
/// </summary>
public sealed class HubReadiness
{
    private volatile bool _storeOpen;
    private volatile bool _ingestSubscribed;

    public bool StoreOpen => _storeOpen;

    public bool IngestSubscribed => _ingestSubscribed;

    public bool IsReady => _storeOpen && _ingestSubscribed;

    internal void SetStoreOpen(bool open) => _storeOpen = open;

    internal void SetIngestSubscribed(bool subscribed) => _ingestSubscribed = subscribed;
}
