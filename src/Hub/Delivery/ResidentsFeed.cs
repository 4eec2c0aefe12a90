using System.Threading.Channels;
using GateSync.Contracts.Wire;
using GateSync.Hub.Ingest;
using GateSync.Hub.Registrations;
using GateSync.Hub.Storage;

namespace GateSync.Hub.Delivery;

/// <summary>An agent's status (online or not, at which site), or a change of the registration roll.</summary>
public readonly record struct ResidentsSignal(string? AgentId, string? SiteId, bool Online)
{
    public static ResidentsSignal RollChanged { get; } = new(null, null, false);

    public bool IsRollChange => AgentId is null;
}

/// <summary>
/// Hears agents' statuses (from committed ingest batches) and registration imports, and passes them on at once to the
/// <see cref="ResidentsDelivery"/> without blocking ingest or the import.
/// </summary>
public sealed class ResidentsFeed : ICommittedCheckInsObserver, IRegistrationsChangedObserver
{
    private readonly Channel<ResidentsSignal> _channel = Channel.CreateUnbounded<ResidentsSignal>(new UnboundedChannelOptions { SingleReader = true });

    public ChannelReader<ResidentsSignal> Reader => _channel.Reader;

    public void Committed(IngestBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        foreach (var status in batch.Statuses)
        {
            _channel.Writer.TryWrite(new ResidentsSignal(status.AgentId, status.SiteId, status.State == AgentState.Online));
        }
    }

    public Task RegistrationsChangedAsync(IReadOnlyList<Registration> registrations, CancellationToken cancellationToken)
    {
        _channel.Writer.TryWrite(ResidentsSignal.RollChanged);
        return Task.CompletedTask;
    }
}
