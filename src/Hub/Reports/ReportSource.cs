using GateSync.Hub.Findings;
using GateSync.Hub.Reconciliation;
using GateSync.Hub.Registrations;
using Microsoft.Extensions.Options;

namespace GateSync.Hub.Reports;

/// <summary>Gathers what the reports are computed from: the stored roll and findings, and the engine's presences.</summary>
public sealed class ReportSource(
    ReconciliationEngine engine,
    RegistrationRoll roll,
    FindingStore findings,
    IOptions<ReconciliationSettings> district,
    TimeProvider time)
{
    /// <summary>How far before a week presences are looked at to know when its registrants arrived.</summary>
    public const int ArrivalLookBackDays = 120;

    private readonly ReconciliationSettings _settings = district.Value;
    private readonly DistrictCalendar _calendar = DistrictCalendar.For(district.Value);

    public DistrictCalendar Calendar => _calendar;

    public DateOnly Today => _calendar.DayOf(time.GetUtcNow());

    public IReadOnlyDictionary<string, Site> Sites() => roll.Sites();

    public IReadOnlyList<Community> Communities() => roll.Communities();

    /// <summary>The floating population today within <paramref name="scope"/>.</summary>
    public IReadOnlyList<FloatingPerson> PopulationToday(ReportScope scope, IReadOnlyDictionary<string, Site> sites)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var now = time.GetUtcNow();
        var people = FloatingPopulation.On(
            _calendar.DayOf(now), _settings.AreaCode, roll.Registrations(), engine.Presences(now, FloatingPopulation.PresenceDays));
        return [.. people.Where(p => scope.Contains(p.SiteId, sites))];
    }

    public Demographics Demographics(ReportScope scope)
    {
        var sites = roll.Sites();
        return DemographicsReport.Calculate(PopulationToday(scope, sites), Today, _settings.AreaCode);
    }

    public WeeklyStationReport Weekly(string station, ReportWeek week)
    {
        var sites = roll.Sites();
        var weekEnd = _calendar.StartOf(week.Sunday.AddDays(1));
        var lastInstant = weekEnd - TimeSpan.FromMilliseconds(1);
        var registrations = roll.Registrations().ToList();
        var input = new WeeklyReportInput(
            sites,
            FloatingPopulation.On(week.Sunday, _settings.AreaCode, registrations, engine.Presences(lastInstant, FloatingPopulation.PresenceDays)),
            engine.Presences(lastInstant, 7 + ArrivalLookBackDays),
            findings.OpenDuring(_calendar.StartOf(week.Monday), weekEnd),
            registrations);
        return WeeklyReport.Calculate(station, week, input, _calendar);
    }
}
