using System.Threading.Channels;
using GateSync.Hub.Ingest;
using GateSync.Hub.Storage;

namespace GateSync.Hub.Delivery;

/// <summary>An agent whose stored check-ins changed; <see cref="LowestSeq"/> tells whether it sent something already acked.</summary>
public readonly record struct AgentTouched(string AgentId, long LowestSeq, bool StatusReceived);

/// <summary>
/// Hears every committed batch (<see cref="ICommittedCheckInsObserver"/>) and passes on which agents it touched, at once and
/// without blocking ingest; the <see cref="DeliveryWorker"/> acks them.
/// </summary>
public sealed class DeliveryQueue : ICommittedCheckInsObserver
{
    private readonly Channel<AgentTouched> _channel = Channel.CreateUnbounded<AgentTouched>(new UnboundedChannelOptions { SingleReader = true });

    public ChannelReader<AgentTouched> Reader => _channel.Reader;

    public void Committed(IngestBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        foreach (var agent in batch.CheckIns.GroupBy(c => c.AgentId, StringComparer.Ordinal))
        {
            _channel.Writer.TryWrite(new AgentTouched(agent.Key, agent.Min(c => c.Seq), StatusReceived: false));
        }

        foreach (var status in batch.Statuses)
        {
            _channel.Writer.TryWrite(new AgentTouched(status.AgentId, long.MaxValue, StatusReceived: true));
        }
    }
}
