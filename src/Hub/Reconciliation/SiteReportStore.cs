using GateSync.Hub.Storage;
using LiteDB;

namespace GateSync.Hub.Reconciliation;

/// <summary>
/// Each site's <see cref="SiteReporting"/>, kept so a restart knows how long a site's agent has reported
/// (the agents collection keeps only the latest status, not when a site was first heard from).
/// </summary>
public sealed class SiteReportStore
{
    public const string CollectionName = "siteReports";

    private readonly ILiteCollection<SiteReportDocument> _reports;
    private readonly HubDatabase _database;

    public SiteReportStore(HubDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
        _reports = database.Collection<SiteReportDocument>(CollectionName);
    }

    /// <summary>
    /// Stored reporting, widened by what the agents collection shows (a hub upgraded with agents already
    /// known, or reports lost in a crash): an agent that was last heard with no backlog reported up to then.
    /// </summary>
    public IReadOnlyList<SiteReporting> All()
    {
        var reports = _reports.FindAll().ToDictionary(
            d => d.Id, d => new SiteReporting(d.Id, d.FirstReportAt, d.LastReportAt), StringComparer.Ordinal);
        foreach (var agent in _database.Agents.FindAll())
        {
            if (agent.LastSeenAt is not { } seen || agent.Backlog > 0)
            {
                continue;
            }

            reports[agent.SiteId] = reports.TryGetValue(agent.SiteId, out var known)
                ? known with { LastReportAt = seen > known.LastReportAt ? seen : known.LastReportAt }
                : new SiteReporting(agent.SiteId, seen, seen);
        }

        return [.. reports.Values];
    }

    public void Record(IEnumerable<(string SiteId, DateTimeOffset At)> reports)
    {
        ArgumentNullException.ThrowIfNull(reports);
        foreach (var (siteId, at) in reports)
        {
            var known = _reports.FindById(siteId);
            if (known is null)
            {
                _reports.Insert(new SiteReportDocument { Id = siteId, FirstReportAt = at, LastReportAt = at });
            }
            else if (at < known.FirstReportAt || at > known.LastReportAt)
            {
                known.FirstReportAt = at < known.FirstReportAt ? at : known.FirstReportAt;
                known.LastReportAt = at > known.LastReportAt ? at : known.LastReportAt;
                _reports.Update(known);
            }
        }
    }
}

/// <summary>A stored <see cref="SiteReporting"/>, keyed by site ID.</summary>
public sealed class SiteReportDocument
{
    public string Id { get; set; } = string.Empty;
    public DateTimeOffset FirstReportAt { get; set; }
    public DateTimeOffset LastReportAt { get; set; }
}
