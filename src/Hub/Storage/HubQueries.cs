using GateSync.Contracts.Wire;

namespace GateSync.Hub.Storage;

/// <summary>Read side of ingest for the API: agents and check-in counts.</summary>
public sealed class HubQueries(HubDatabase database)
{
    public IReadOnlyList<AgentSummary> Agents() =>
        [.. database.Agents.FindAll().OrderBy(a => a.Id, StringComparer.Ordinal).Select(Summarise)];

    /// <summary>Stored check-ins, each <c>(agentId, seq)</c> once, optionally for one site and/or agent.</summary>
    public long CountCheckIns(string? siteId, string? agentId) =>
        (siteId, agentId) switch
        {
            (null, null) => database.CheckIns.LongCount(),
            (not null, null) => database.CheckIns.LongCount(c => c.SiteId == siteId),
            (null, not null) => database.CheckIns.LongCount(c => c.AgentId == agentId),
            _ => database.CheckIns.LongCount(c => c.AgentId == agentId && c.SiteId == siteId),
        };

    public long CountRejected() => database.Rejected.LongCount();

    private static AgentSummary Summarise(AgentDocument agent)
    {
        var ranges = SeqRanges.From(agent.Received.Select(r => new SeqRange(r.From, r.To)));
        return new AgentSummary(
            agent.Id,
            agent.SiteId,
            agent.Online,
            agent.LastSeenAt,
            agent.LastSeq,
            agent.StoredCount,
            ranges.Missing(),
            agent.DuplicateCount);
    }
}

/// <summary>One agent as the hub sees it; <see cref="Missing"/> are the gaps in <c>[1, LastSeq]</c>.</summary>
public sealed record AgentSummary(
    string AgentId,
    string SiteId,
    bool Online,
    DateTimeOffset? LastSeenAt,
    long LastSeq,
    long StoredCount,
    IReadOnlyList<SeqRange> Missing,
    long DuplicateCount);
