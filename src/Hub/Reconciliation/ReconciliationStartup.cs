namespace GateSync.Hub.Reconciliation;

/// <summary>Rebuilds the engine from the store when the host starts, so findings follow everything stored before the restart.</summary>
internal sealed class ReconciliationStartup(Reconciler reconciler) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => reconciler.RebuildAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
