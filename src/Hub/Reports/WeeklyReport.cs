using GateSync.Hub.Reconciliation;
using GateSync.Hub.Registrations;

namespace GateSync.Hub.Reports;

/// <summary>What the weekly report is computed from; the caller reads it from storage and the engine.</summary>
/// <param name="PopulationAtWeekEnd"><see cref="FloatingPopulation.On"/> for the week's Sunday.</param>
/// <param name="Arrivals">Presences whose <see cref="Presence.Since"/> is each (person, site)'s arrival, covering the week
/// and long enough before it to know when this week's registrants arrived.</param>
/// <param name="Findings">Findings open at the week's start or touched in it (resolved ones included).</param>
public sealed record WeeklyReportInput(
    IReadOnlyDictionary<string, Site> Sites,
    IReadOnlyList<FloatingPerson> PopulationAtWeekEnd,
    IReadOnlyList<Presence> Arrivals,
    IReadOnlyList<Finding> Findings,
    IReadOnlyList<Registration> Registrations);

/// <summary>The weekly station report (每周通报) for an ISO week, counted in district days.</summary>
public static class WeeklyReport
{
    public static WeeklyStationReport Calculate(string station, ReportWeek week, WeeklyReportInput input, DistrictCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(station);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(calendar);

        var period = new Period(week, calendar.StartOf(week.Monday), calendar.StartOf(week.Sunday.AddDays(1)));
        var stationSites = input.Sites.Values.Where(s => string.Equals(s.Station, station, StringComparison.Ordinal)).ToList();

        var communities = stationSites
            .GroupBy(s => s.Community, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new CommunityWeek(g.Key, Figures(SiteIds(g), input, period, calendar)))
            .ToList();

        return new WeeklyStationReport(
            station,
            week.ToString(),
            week.Monday,
            week.Sunday,
            Figures(SiteIds(stationSites), input, period, calendar),
            communities,
            Operators(stationSites, input.Findings, period));
    }

    private static HashSet<string> SiteIds(IEnumerable<Site> sites) => sites.Select(s => s.SiteId).ToHashSet(StringComparer.Ordinal);

    private static WeeklyFigures Figures(HashSet<string> sites, WeeklyReportInput input, Period period, DistrictCalendar calendar)
    {
        var arrivals = input.Arrivals
            .Where(a => sites.Contains(a.SiteId) && period.Contains(a.Since))
            .Select(a => a.IdNumber)
            .Distinct(StringComparer.Ordinal)
            .Count();

        var findings = input.Findings.Where(f => sites.Contains(f.SiteId)).ToList();
        var opened = findings.Count(f => period.Contains(f.OpenedAt));
        var resolved = findings.Count(f => f.ResolvedAt is { } at && period.Contains(at));
        var backlog = findings.Count(period.OpenAtEnd);

        var population = input.PopulationAtWeekEnd.Where(p => sites.Contains(p.SiteId)).ToList();
        var registered = population.Count(p => p.IsRegistered);
        double? rate = population.Count == 0 ? null : (double)registered / population.Count;

        return new WeeklyFigures(
            arrivals, opened, resolved, backlog, population.Count, registered, rate,
            MedianDaysToRegistration(sites, input, period, calendar));
    }

    private static double? MedianDaysToRegistration(
        HashSet<string> sites, WeeklyReportInput input, Period period, DistrictCalendar calendar)
    {
        var arrivedOn = new Dictionary<(string IdNumber, string SiteId), DateOnly>();
        foreach (var arrival in input.Arrivals.Where(a => sites.Contains(a.SiteId)))
        {
            var day = calendar.DayOf(arrival.Since);
            var key = (arrival.IdNumber, arrival.SiteId);
            if (!arrivedOn.TryGetValue(key, out var known) || day < known)
            {
                arrivedOn[key] = day;
            }
        }

        var days = input.Registrations
            .Where(r => sites.Contains(r.SiteId) && period.Week.Contains(r.RegisteredOn))
            .Select(r => arrivedOn.TryGetValue((r.IdNumber, r.SiteId), out var arrived)
                ? Math.Max(0, r.RegisteredOn.DayNumber - arrived.DayNumber)
                : (int?)null)
            .OfType<int>()
            .Order()
            .ToList();

        if (days.Count == 0)
        {
            return null;
        }

        var middle = days.Count / 2;
        return days.Count % 2 == 1 ? days[middle] : (days[middle - 1] + days[middle]) / 2.0;
    }

    private static List<OperatorLine> Operators(List<Site> stationSites, IReadOnlyList<Finding> findings, Period period)
    {
        var openBySite = findings
            .Where(f => f.Type == FindingType.Unregistered && period.OpenAtEnd(f))
            .GroupBy(f => f.SiteId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(f => f.IdNumber).ToList(), StringComparer.Ordinal);

        return stationSites
            .GroupBy(s => (s.Operator, s.OperatorPhone))
            .Select(g => new OperatorLine(
                g.Key.Operator,
                g.Key.OperatorPhone,
                g.SelectMany(s => openBySite.GetValueOrDefault(s.SiteId) ?? []).Distinct(StringComparer.Ordinal).Count()))
            .OrderByDescending(l => l.OpenUnregistered)
            .ThenBy(l => l.Operator, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The week as instants: from its Monday's start up to (not including) the next Monday's.</summary>
    private sealed record Period(ReportWeek Week, DateTimeOffset Start, DateTimeOffset End)
    {
        public bool Contains(DateTimeOffset instant) => instant >= Start && instant < End;

        public bool OpenAtEnd(Finding finding) => finding.OpenedAt < End && (finding.ResolvedAt is not { } at || at >= End);
    }
}
