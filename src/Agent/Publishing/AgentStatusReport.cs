using GateSync.Agent.Outbox;
using GateSync.Agent.Readers;
using GateSync.Contracts.Wire;

namespace GateSync.Agent.Publishing;

/// <summary>What the agent says about itself on its retained status topic, and in its Will.</summary>
internal sealed class AgentStatusReport(string siteId, string agentId, CheckInOutbox outbox, AgentReaders readers, TimeProvider time)
{
    public AgentStatus Create(AgentState state) => new()
    {
        SiteId = siteId,
        AgentId = agentId,
        State = state,
        At = time.GetLocalNow(),
        LastSeq = outbox.LastSeq,
        Backlog = outbox.BacklogCount(),
        Readers = readers.Statuses(),
    };
}
