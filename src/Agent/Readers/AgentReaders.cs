using GateSync.Contracts.Wire;

namespace GateSync.Agent.Readers;

/// <summary>The readers this agent runs, created once from <c>Agent:Readers</c>, so the host runs them and the status reports them.</summary>
public sealed class AgentReaders(IReadOnlyList<ICardReader> readers)
{
    public IReadOnlyList<ICardReader> All { get; } = readers;

    public IReadOnlyList<ReaderStatus> Statuses() => [.. All.Select(r => new ReaderStatus(r.ReaderId, r.State))];
}
