using GateSync.Hub.Registrations;

namespace GateSync.Hub.Reports;

/// <summary>A station, a community, or (both null) the whole district.</summary>
public sealed record ReportScope(string? Station = null, string? Community = null)
{
    public static readonly ReportScope District = new();

    /// <summary>Whether a site belongs to the scope; a site not in the roll belongs only to the district.</summary>
    public bool Contains(string siteId, IReadOnlyDictionary<string, Site> sites)
    {
        ArgumentNullException.ThrowIfNull(sites);
        if (Station is null && Community is null)
        {
            return true;
        }

        return sites.TryGetValue(siteId, out var site)
            && (Station is null || string.Equals(site.Station, Station, StringComparison.Ordinal))
            && (Community is null || string.Equals(site.Community, Community, StringComparison.Ordinal));
    }
}
