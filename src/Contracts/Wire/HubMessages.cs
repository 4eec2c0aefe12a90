namespace GateSync.Contracts.Wire;

/// <summary>Hub to agent: every check-in with <c>seq &lt;= UpTo</c> is durably stored at the hub.</summary>
public sealed record Ack(long UpTo);

/// <summary>Hub to agent on the <c>cmd</c> topic. Exactly one command property is set.</summary>
public sealed record AgentCommand
{
    public SeqRange? Replay { get; init; }
}

/// <summary>An inclusive range of an agent's sequence numbers.</summary>
public sealed record SeqRange(long From, long To);
