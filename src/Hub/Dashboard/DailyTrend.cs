using GateSync.Hub.Reconciliation;

namespace GateSync.Hub.Dashboard;

/// <summary>One district day of the overview's trend chart.</summary>
/// <param name="OpenFindings">Findings open at the end of the day (or now, for today).</param>
/// <param name="Arrivals">Non-local persons whose first check-in at a site fell on the day.</param>
public sealed record TrendDay(DateOnly Day, int OpenFindings, int Arrivals);

/// <summary>Open findings and arrivals per district day, for the last <see cref="Days"/> days up to today.</summary>
public static class DailyTrend
{
    /// <summary>Eight weeks.</summary>
    public const int Days = 56;

    /// <param name="findings">Findings in the caller's area that were open at some time in the period.</param>
    /// <param name="arrivals">Presences in the caller's area over the period; <see cref="Presence.Since"/> is the arrival.</param>
    public static IReadOnlyList<TrendDay> Calculate(
        DateTimeOffset now, DistrictCalendar calendar, IReadOnlyCollection<Finding> findings, IEnumerable<Presence> arrivals)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(findings);
        ArgumentNullException.ThrowIfNull(arrivals);

        var today = calendar.DayOf(now);
        var first = FirstDay(today);
        var arrivalsByDay = arrivals
            .Select(p => (Day: calendar.DayOf(p.Since), p.IdNumber))
            .Where(a => a.Day >= first && a.Day <= today)
            .Distinct()
            .GroupBy(a => a.Day)
            .ToDictionary(g => g.Key, g => g.Count());

        var series = new List<TrendDay>(Days);
        for (var day = first; day <= today; day = day.AddDays(1))
        {
            var end = day == today ? now : calendar.StartOf(day.AddDays(1));
            var open = findings.Count(f => f.OpenedAt < end && (f.ResolvedAt is not { } at || at >= end));
            series.Add(new TrendDay(day, open, arrivalsByDay.GetValueOrDefault(day)));
        }

        return series;
    }

    public static DateOnly FirstDay(DateOnly today) => today.AddDays(1 - Days);
}
