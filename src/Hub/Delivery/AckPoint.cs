using GateSync.Hub.Storage;

namespace GateSync.Hub.Delivery;

/// <summary>What the hub may ack to an agent: the end of the unbroken run of received seqs from 1, or 0 when seq 1 is missing.</summary>
public static class AckPoint
{
    public static long Of(AgentDocument agent)
    {
        ArgumentNullException.ThrowIfNull(agent);

        // Received ranges are stored sorted, disjoint and merged (SeqRanges), so the first one alone decides.
        var first = agent.Received.Count == 0 ? null : agent.Received.MinBy(r => r.From);
        return first is { From: 1 } ? first.To : 0;
    }
}
