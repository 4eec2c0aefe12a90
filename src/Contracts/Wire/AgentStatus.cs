namespace GateSync.Contracts.Wire;

/// <summary>Retained on <c>gatesync/v1/{siteId}/{agentId}/status</c>; the offline form is also the agent's MQTT Will.</summary>
public sealed record AgentStatus
{
    public int V { get; init; } = ContractVersion.Current;
    public required string AgentId { get; init; }
    public required string SiteId { get; init; }
    public required AgentState State { get; init; }
    public required DateTimeOffset At { get; init; }
    public long LastSeq { get; init; }
    public long Backlog { get; init; }
    public IReadOnlyList<ReaderStatus> Readers { get; init; } = [];
}

public sealed record ReaderStatus(string ReaderId, ReaderState State);
