using GateSync.Hub.Storage;

namespace GateSync.Hub.Api;

/// <summary><c>GET /api/health</c>.</summary>
public sealed record HealthResponse(string Status);

/// <summary>One element of <c>GET /api/agents</c>, exactly as the contract lists it.</summary>
public sealed record AgentResponse(
    string AgentId,
    string SiteId,
    bool Online,
    DateTimeOffset? LastSeenAt,
    long LastSeq,
    long StoredCount,
    IReadOnlyList<long[]> Missing)
{
    public static AgentResponse From(AgentSummary agent)
    {
        ArgumentNullException.ThrowIfNull(agent);
        return new(
            agent.AgentId,
            agent.SiteId,
            agent.Online,
            agent.LastSeenAt,
            agent.LastSeq,
            agent.StoredCount,
            [.. agent.Missing.Select(r => new[] { r.From, r.To })]);
    }
}

/// <summary><c>GET /api/checkins/count</c>.</summary>
public sealed record CountResponse(long Count);

/// <summary>A 400 answer saying which parameter is wrong.</summary>
public sealed record ErrorResponse(string Error);
