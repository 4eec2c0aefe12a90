using GateSync.Hub.Registrations;
using GateSync.Hub.Storage;

namespace GateSync.Hub.Dashboard;

/// <summary>A site of the caller's area with its door agents, for the sites page (<c>GET /api/dashboard/sites</c>).</summary>
/// <param name="Name">Empty for a site an agent reports from that is not in the roll (district administrators only see these).</param>
public sealed record SiteStatus(string SiteId, string Name, string? Community, string? Station, IReadOnlyList<SiteAgent> Agents)
{
    public static SiteStatus For(string siteId, Site? site, IEnumerable<SiteAgent> agents) =>
        new(siteId, site?.Name ?? string.Empty, site?.Community, site?.Station, [.. agents.OrderBy(a => a.AgentId, StringComparer.Ordinal)]);
}

/// <summary>An agent as the dashboard shows it: the API's view plus the backlog it last reported.</summary>
/// <param name="Backlog">Check-ins the agent held unacknowledged at its last status.</param>
/// <param name="Missing">Gaps in the seqs received, as inclusive [from, to] pairs.</param>
public sealed record SiteAgent(
    string AgentId, bool Online, DateTimeOffset? LastSeenAt, long LastSeq, long StoredCount, long Backlog, IReadOnlyList<long[]> Missing)
{
    public static SiteAgent From(AgentDocument agent, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(agent);
        var missing = agent.ReceivedRanges().Missing();
        return new(
            agent.Id,
            agent.Online,
            agent.LastSeenAt is { } seen ? TimeZoneInfo.ConvertTime(seen, zone) : null,
            agent.LastSeq,
            agent.StoredCount,
            agent.Backlog,
            [.. missing.Select(r => new[] { r.From, r.To })]);
    }
}
