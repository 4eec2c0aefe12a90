using System.Globalization;

namespace GateSync.Hub.Reports;

/// <summary>An ISO 8601 week (Monday to Sunday; week 1 holds the year's first Thursday), in district days.</summary>
public readonly record struct ReportWeek
{
    private ReportWeek(int year, int week)
    {
        Year = year;
        Week = week;
    }

    public int Year { get; }

    public int Week { get; }

    public DateOnly Monday => DateOnly.FromDateTime(ISOWeek.ToDateTime(Year, Week, DayOfWeek.Monday));

    public DateOnly Sunday => Monday.AddDays(6);

    /// <summary>The week, or <c>null</c> when the year has no such week (53 exists only in some years).</summary>
    public static ReportWeek? Of(int year, int week) =>
        year is >= 1 and <= 9998 && week >= 1 && week <= ISOWeek.GetWeeksInYear(year) ? new ReportWeek(year, week) : null;

    public static ReportWeek Containing(DateOnly day)
    {
        var date = day.ToDateTime(TimeOnly.MinValue);
        return new ReportWeek(ISOWeek.GetYear(date), ISOWeek.GetWeekOfYear(date));
    }

    public bool Contains(DateOnly day) => day >= Monday && day <= Sunday;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year}-W{Week:00}");
}
