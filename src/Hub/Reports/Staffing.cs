using GateSync.Hub.Registrations;

namespace GateSync.Hub.Reports;

/// <summary>One community's co-manager (协管员) staffing (<c>GET /api/reports/staffing</c>).</summary>
public sealed record StaffingLine(
    string Community, string Station, AreaKind Area, int FloatingPopulation, int Needed, int Configured, int Shortfall);

/// <summary>Co-managers needed: floating population / 500 in an urban area, / 800 in a rural one, rounded up.</summary>
public static class StaffingReport
{
    public const int UrbanPopulationPerCoManager = 500;
    public const int RuralPopulationPerCoManager = 800;

    /// <param name="populationByCommunity">Floating population per community (<see cref="CountByCommunity"/>); absent is 0.</param>
    public static IReadOnlyList<StaffingLine> Calculate(
        IEnumerable<Community> communities, IReadOnlyDictionary<string, int> populationByCommunity)
    {
        ArgumentNullException.ThrowIfNull(communities);
        ArgumentNullException.ThrowIfNull(populationByCommunity);

        return communities
            .Select(c =>
            {
                var population = populationByCommunity.GetValueOrDefault(c.Name);
                var needed = Needed(population, c.Area);
                return new StaffingLine(c.Name, c.Station, c.Area, population, needed, c.CoManagers, Math.Max(0, needed - c.CoManagers));
            })
            .OrderBy(l => l.Station, StringComparer.Ordinal)
            .ThenBy(l => l.Community, StringComparer.Ordinal)
            .ToList();
    }

    public static int Needed(int floatingPopulation, AreaKind area)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(floatingPopulation);
        var per = area == AreaKind.Urban ? UrbanPopulationPerCoManager : RuralPopulationPerCoManager;
        return (floatingPopulation + per - 1) / per;
    }

    /// <summary>Floating population per community, through each person's site; people at sites not in the roll are left out.</summary>
    public static IReadOnlyDictionary<string, int> CountByCommunity(
        IEnumerable<FloatingPerson> people, IReadOnlyDictionary<string, Site> sites)
    {
        ArgumentNullException.ThrowIfNull(people);
        ArgumentNullException.ThrowIfNull(sites);

        return people
            .Where(p => sites.ContainsKey(p.SiteId))
            .GroupBy(p => sites[p.SiteId].Community, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
    }
}
