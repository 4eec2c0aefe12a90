using GateSync.Contracts.Wire;

namespace GateSync.Agent.Outbox;

/// <summary>A check-in waiting in the outbox.</summary>
public sealed record OutboxEntry(long Seq, CheckIn CheckIn);
