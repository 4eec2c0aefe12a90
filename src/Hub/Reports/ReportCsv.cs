using System.Globalization;
using CsvHelper;

namespace GateSync.Hub.Reports;

/// <summary>The reports as CSV (RFC 4180, UTF-8 with a BOM so spreadsheets read the Chinese names), one table each.</summary>
public static class ReportCsv
{
    public const string ContentType = "text/csv; charset=utf-8";

    /// <summary><c>breakdown,key,count</c>: one line per figure of every breakdown.</summary>
    public static string Demographics(Demographics report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return Write(["breakdown", "key", "count"], Lines());

        IEnumerable<string[]> Lines()
        {
            yield return Row("total", "floatingPopulation", report.FloatingPopulation);
            yield return Row("total", "registered", report.Registered);
            yield return Row("total", "unregistered", report.Unregistered);
            foreach (var (key, count) in report.AgeBands)
            {
                yield return Row("ageBand", key, count);
            }

            yield return Row("origin", "sameCity", report.Origin.SameCity);
            yield return Row("origin", "sameProvince", report.Origin.SameProvince);
            yield return Row("origin", "otherProvince", report.Origin.OtherProvince);
            foreach (var (name, breakdown) in new[] { ("province", report.Provinces), ("gender", report.Genders), ("occupation", report.Occupations), ("education", report.Educations) })
            {
                foreach (var (key, count) in breakdown)
                {
                    yield return Row(name, key, count);
                }
            }
        }

        static string[] Row(string breakdown, string key, int count) => [breakdown, key, Number(count)];
    }

    public static string Staffing(IReadOnlyList<StaffingLine> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        return Write(
            ["community", "station", "area", "floatingPopulation", "needed", "configured", "shortfall"],
            lines.Select(l => new[]
            {
                l.Community, l.Station, l.Area == Registrations.AreaKind.Urban ? "urban" : "rural",
                Number(l.FloatingPopulation), Number(l.Needed), Number(l.Configured), Number(l.Shortfall),
            }));
    }

    /// <summary>
    /// One table: a <c>station</c> line, a <c>community</c> line each, then an <c>operator</c> line per landlord or
    /// employer (only its name, phone and open <c>unregistered</c> count are filled).
    /// </summary>
    public static string Weekly(WeeklyStationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        string[] header =
        [
            "week", "level", "name", "arrivals", "findingsOpened", "findingsResolved", "openBacklog", "floatingPopulation",
            "registered", "registrationRate", "medianDaysToRegistration", "operatorPhone", "openUnregistered",
        ];
        var lines = new List<string[]> { Figures(report.Week, "station", report.Station, report.Total) };
        lines.AddRange(report.Communities.Select(c => Figures(report.Week, "community", c.Community, c.Figures)));
        lines.AddRange(report.Operators.Select(o => new[]
        {
            report.Week, "operator", o.Operator ?? string.Empty, "", "", "", "", "", "", "", "", o.OperatorPhone ?? string.Empty, Number(o.OpenUnregistered),
        }));
        return Write(header, lines);

        static string[] Figures(string week, string level, string name, WeeklyFigures f) =>
        [
            week, level, name, Number(f.Arrivals), Number(f.FindingsOpened), Number(f.FindingsResolved), Number(f.OpenBacklog),
            Number(f.FloatingPopulation), Number(f.Registered), Decimal(f.RegistrationRate), Decimal(f.MedianDaysToRegistration), "", "",
        ];
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Decimal(double? value) => value?.ToString("0.####", CultureInfo.InvariantCulture) ?? string.Empty;

    private static string Write(string[] header, IEnumerable<string[]> rows)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvWriter.Create(text, CsvWriterOptions.Default, leaveOpen: true))
        {
            csv.WriteHeader(header);
            foreach (var row in rows)
            {
                csv.WriteRecord(row);
            }
        }

        // The BOM tells Excel the file is UTF-8; without it Chinese names come out garbled.
        return "\uFEFF" + text.ToString();
    }
}
