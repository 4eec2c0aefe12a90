using GateSync.Contracts.Wire;
using LiteDB;

namespace GateSync.Hub.Storage;

/// <summary>Read side of ingest for the API: agents and check-in counts.</summary>
public sealed class HubQueries(HubDatabase database)
{
    public IReadOnlyList<AgentSummary> Agents() =>
        [.. database.Agents.FindAll().OrderBy(a => a.Id, StringComparer.Ordinal).Select(Summarise)];

    /// <summary>Stored check-ins, each <c>(agentId, seq)</c> once, optionally for one site and/or agent.</summary>
    /// <remarks>A site's count is its agents' counts: an agent belongs to the site it last reported from.</remarks>
    public long CountCheckIns(string? siteId, string? agentId)
    {
        if (agentId is not null)
        {
            return siteId is null || database.Agents.FindById(agentId)?.SiteId == siteId ? CountOfAgent(agentId) : 0;
        }

        return siteId is null
            ? database.CheckIns.LongCount()
            : database.Agents.Find(a => a.SiteId == siteId).Sum(a => CountOfAgent(a.Id));
    }

    // Counted on the _id index ("agentId:seq"): check-ins carry no per-agent or per-site index, because each secondary
    // index costs ingest a large share of its rate (bench/README.md).
    private long CountOfAgent(string agentId) =>
        database.CheckIns.LongCount(Query.StartsWith("_id", CheckInDocument.KeyPrefixOf(agentId)));

    public long CountRejected() => database.Rejected.LongCount();

    private static AgentSummary Summarise(AgentDocument agent)
    {
        var ranges = agent.ReceivedRanges();
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
