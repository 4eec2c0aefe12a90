namespace GateSync.Hub.Storage;

/// <summary>
/// Makes the host open the database at start (taking it as a dependency is enough), so a bad file or
/// password stops the hub at once, and reports it to readiness.
/// </summary>
internal sealed class StoreOpener(HubDatabase database, HubReadiness readiness) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        readiness.SetStoreOpen(File.Exists(database.FilePath));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        readiness.SetStoreOpen(false);
        return Task.CompletedTask;
    }
}
