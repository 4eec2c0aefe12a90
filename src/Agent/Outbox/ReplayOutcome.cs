namespace GateSync.Agent.Outbox;

/// <summary>What a <c>replay</c> found: check-ins still held (queued to send again) and those no longer in the outbox.</summary>
public readonly record struct ReplayOutcome(long Held, long Gone);
