namespace GateSync.Contracts.Wire;

/// <summary>One swipe at a door, as published on <c>gatesync/v1/{siteId}/{agentId}/checkin</c>.</summary>
/// <remarks><c>(AgentId, Seq)</c> is the check-in's identity: the hub stores a repeated pair once.</remarks>
public sealed record CheckIn
{
    public int V { get; init; } = ContractVersion.Current;
    public required string AgentId { get; init; }
    public required string SiteId { get; init; }
    public required long Seq { get; init; }
    public required string ReaderId { get; init; }
    public required Direction Direction { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    public required CardData Card { get; init; }
    public AccessDecision? Access { get; init; }
}
