using GateSync.Hub.Dashboard;
using GateSync.Hub.Reconciliation;

namespace GateSync.Dashboard.Tests;

public sealed class DailyTrendTests
{
    private static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);
    private static readonly DistrictCalendar Calendar = new(TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 12, 0, 0, Shanghai);

    [Fact]
    public void Series_has_fifty_six_district_days_ending_today()
    {
        var series = DailyTrend.Calculate(Now, Calendar, [], []);

        Assert.Equal(56, series.Count);
        Assert.Equal(new DateOnly(2026, 3, 10), series[^1].Day);
        Assert.Equal(new DateOnly(2026, 1, 14), series[0].Day);
    }

    [Fact]
    public void A_finding_counts_as_open_at_the_end_of_each_day_until_resolved()
    {
        var finding = Finding("f1", opened: new(2026, 3, 1, 9, 0, 0, Shanghai), resolved: new(2026, 3, 4, 10, 0, 0, Shanghai));
        var series = DailyTrend.Calculate(Now, Calendar, [finding], []).ToDictionary(d => d.Day);

        Assert.Equal(0, series[new DateOnly(2026, 2, 28)].OpenFindings);
        Assert.Equal(1, series[new DateOnly(2026, 3, 1)].OpenFindings);
        Assert.Equal(1, series[new DateOnly(2026, 3, 3)].OpenFindings);
        Assert.Equal(0, series[new DateOnly(2026, 3, 4)].OpenFindings);
    }

    [Fact]
    public void Arrival_counts_on_the_district_day_not_the_utc_day()
    {
        // 1 March 17:30 UTC is 2 March 01:30 in Shanghai.
        var arrival = new Presence("410102199303030017", "张三", "site-1", new DateTimeOffset(2026, 3, 1, 17, 30, 0, TimeSpan.Zero), Now);
        var series = DailyTrend.Calculate(Now, Calendar, [], [arrival, arrival with { SiteId = "site-2" }]).ToDictionary(d => d.Day);

        Assert.Equal(0, series[new DateOnly(2026, 3, 1)].Arrivals);
        Assert.Equal(1, series[new DateOnly(2026, 3, 2)].Arrivals);
    }

    private static Finding Finding(string id, DateTimeOffset opened, DateTimeOffset? resolved) => new()
    {
        Id = id,
        Type = FindingType.Unregistered,
        Status = resolved is null ? FindingStatus.Open : FindingStatus.Resolved,
        IdNumber = "410102199303030017",
        Name = "张三",
        SiteId = "site-1",
        Since = opened.AddDays(-3),
        OpenedAt = opened,
        ResolvedAt = resolved,
        Resolution = resolved is null ? null : FindingResolution.Registered,
    };
}
