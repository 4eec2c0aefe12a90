using GateSync.Hub.Reconciliation;
using GateSync.Hub.Registrations;
using GateSync.Hub.Reports;
using GateSync.Hub.Tests.Reconciliation;
using static GateSync.Hub.Tests.Reports.PopulationTests;

namespace GateSync.Hub.Tests.Reports;

public sealed class WeeklyReportTests
{
    private static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);
    private static readonly DistrictCalendar Calendar = DistrictCalendar.For(new ReconciliationSettings { AreaCode = TestPeople.AreaCode });

    // 2026-W10 is Monday 2 March to Sunday 8 March.
    private static readonly ReportWeek Week10 = ReportWeek.Of(2026, 10)!.Value;

    [Fact]
    public void Iso_weeks_cross_year_ends_and_week_53_exists_only_in_long_years()
    {
        Assert.Equal(new DateOnly(2025, 12, 29), ReportWeek.Of(2026, 1)!.Value.Monday);
        Assert.Equal("2025-W01", ReportWeek.Containing(new DateOnly(2024, 12, 30)).ToString());
        Assert.Equal("2026-W53", ReportWeek.Containing(new DateOnly(2027, 1, 3)).ToString());
        Assert.Equal("2027-W01", ReportWeek.Containing(new DateOnly(2027, 1, 4)).ToString());
        Assert.NotNull(ReportWeek.Of(2026, 53));
        Assert.Null(ReportWeek.Of(2025, 53));
        Assert.Null(ReportWeek.Of(2026, 0));
        Assert.Equal(new DateOnly(2026, 3, 2), Week10.Monday);
        Assert.Equal(new DateOnly(2026, 3, 8), Week10.Sunday);
    }

    [Fact]
    public void Findings_are_counted_in_the_week_by_Shanghai_time()
    {
        var input = Input(findings:
        [
            Finding("f-before", opened: new(2026, 3, 1, 23, 59, 0, Shanghai)),
            Finding("f-first-minute", opened: new(2026, 3, 2, 0, 0, 0, Shanghai)),
            Finding("f-resolved", opened: new(2026, 2, 20, 9, 0, 0, Shanghai), resolved: new(2026, 3, 8, 23, 59, 0, Shanghai)),
            Finding("f-resolved-after", opened: new(2026, 3, 3, 9, 0, 0, Shanghai), resolved: new(2026, 3, 9, 0, 0, 0, Shanghai)),

            // Sunday 16:30 UTC is Monday 00:30 in Shanghai: next week.
            Finding("f-next-week", opened: new(2026, 3, 8, 16, 30, 0, TimeSpan.Zero)),
        ]);

        var report = WeeklyReport.Calculate("城关派出所", Week10, input, Calendar);

        Assert.Equal(2, report.Total.FindingsOpened);
        Assert.Equal(1, report.Total.FindingsResolved);
        Assert.Equal(3, report.Total.OpenBacklog);
        Assert.Equal("2026-W10", report.Week);
    }

    [Fact]
    public void Arrivals_registration_rate_and_median_days_to_registration_per_community()
    {
        var a = TestPeople.NonLocal(1);
        var b = TestPeople.NonLocal(2);
        var c = TestPeople.NonLocal(3);
        var d = TestPeople.NonLocal(4);
        var input = Input(
            population:
            [
                new(a, "s-1", Registered(a, "s-1"), null),
                new(b, "s-1", null, null),
                new(c, "s-1", Registered(c, "s-1"), null),
                new(d, "s-3", null, null),
            ],
            arrivals:
            [
                Present(a, "s-1", new(2026, 3, 2, 8, 0, 0, Shanghai)),
                Present(b, "s-1", new(2026, 3, 8, 23, 0, 0, Shanghai)),
                Present(c, "s-1", new(2026, 2, 20, 8, 0, 0, Shanghai)),
                Present(d, "s-3", new(2026, 3, 4, 8, 0, 0, Shanghai)),
            ],
            registrations:
            [
                Registered(a, "s-1") with { RegisteredOn = new DateOnly(2026, 3, 4) },
                Registered(c, "s-1") with { RegisteredOn = new DateOnly(2026, 3, 6) },
                Registered(d, "s-3") with { RegisteredOn = new DateOnly(2026, 3, 9) },
            ]);

        var report = WeeklyReport.Calculate("城关派出所", Week10, input, Calendar);

        var happy = report.Communities.Single(x => x.Community == "幸福里").Figures;
        Assert.Equal(2, happy.Arrivals);
        Assert.Equal(3, happy.FloatingPopulation);
        Assert.Equal(2, happy.Registered);
        Assert.Equal(2.0 / 3, happy.RegistrationRate!.Value, 6);
        Assert.Equal((2 + 14) / 2.0, happy.MedianDaysToRegistration);

        var east = report.Communities.Single(x => x.Community == "东村").Figures;
        Assert.Equal(1, east.Arrivals);
        Assert.Null(east.MedianDaysToRegistration);
        Assert.Equal(0, east.RegistrationRate);
        Assert.Equal(3, report.Total.Arrivals);
    }

    [Fact]
    public void Each_operator_answers_for_open_unregistered_tenants_at_the_weeks_end()
    {
        var input = Input(findings:
        [
            Finding("f-1", opened: new(2026, 3, 3, 9, 0, 0, Shanghai), site: "s-1", id: "p1"),
            Finding("f-2", opened: new(2026, 3, 3, 9, 0, 0, Shanghai), site: "s-2", id: "p2"),
            Finding("f-3", opened: new(2026, 3, 3, 9, 0, 0, Shanghai), site: "s-2", id: "p3", resolved: new(2026, 3, 5, 9, 0, 0, Shanghai)),
            Finding("f-4", opened: new(2026, 3, 3, 9, 0, 0, Shanghai), site: "s-2", id: "p4", type: FindingType.Moved),
            Finding("f-other", opened: new(2026, 3, 3, 9, 0, 0, Shanghai), site: "s-far", id: "p5"),
        ]);

        var report = WeeklyReport.Calculate("城关派出所", Week10, input, Calendar);

        Assert.Equal(
            [new OperatorLine("王建国", "13800000000", 2), new OperatorLine("李老板", null, 0)],
            report.Operators);
    }

    private static WeeklyReportInput Input(
        IReadOnlyList<FloatingPerson>? population = null,
        IReadOnlyList<Presence>? arrivals = null,
        IReadOnlyList<Finding>? findings = null,
        IReadOnlyList<Registration>? registrations = null)
    {
        Site[] sites =
        [
            new("s-1", "甲", SiteKind.Rental, null, "幸福里", "城关派出所", AreaKind.Urban, "王建国", "13800000000"),
            new("s-2", "乙", SiteKind.Rental, null, "幸福里", "城关派出所", AreaKind.Urban, "王建国", "13800000000"),
            new("s-3", "丙", SiteKind.Worksite, null, "东村", "城关派出所", AreaKind.Rural, "李老板", null),
            new("s-far", "丁", SiteKind.Rental, null, "远村", "远派出所", AreaKind.Rural, "王建国", "13800000000"),
        ];
        return new WeeklyReportInput(
            sites.ToDictionary(s => s.SiteId), population ?? [], arrivals ?? [], findings ?? [], registrations ?? []);
    }

    private static Finding Finding(
        string key, DateTimeOffset opened, DateTimeOffset? resolved = null, string site = "s-1", string id = "p",
        FindingType type = FindingType.Unregistered) =>
        new()
        {
            Id = key,
            Type = type,
            Status = resolved is null ? FindingStatus.Open : FindingStatus.Resolved,
            IdNumber = id,
            Name = "某",
            SiteId = site,
            Since = opened.AddDays(-3),
            OpenedAt = opened,
            ResolvedAt = resolved,
            Resolution = resolved is null ? null : FindingResolution.Registered,
        };
}
