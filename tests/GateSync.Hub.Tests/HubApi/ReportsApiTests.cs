using System.Net;
using GateSync.Hub.Tests.Support;

namespace GateSync.Hub.Tests.HubApi;

public sealed class ReportsApiTests(ReconciliationHubFixture fixture) : IClassFixture<ReconciliationHubFixture>
{
    private RunningHub Hub => fixture.Hub;

    [Fact]
    public async Task Demographics_counts_the_unregistered_lodgers_present_in_the_last_30_days()
    {
        var district = await Hub.GetJsonAsync("/api/reports/demographics");
        var north = await Hub.GetJsonAsync("/api/reports/demographics?station=north");

        Assert.Equal(2, district.GetProperty("floatingPopulation").GetInt32());
        Assert.Equal(2, district.GetProperty("unregistered").GetInt32());
        Assert.Equal(1, district.GetProperty("origin").GetProperty("sameCity").GetInt32());
        Assert.Equal(1, district.GetProperty("origin").GetProperty("otherProvince").GetInt32());
        Assert.Equal(1, district.GetProperty("provinces").GetProperty("11").GetInt32());
        Assert.Equal(1, north.GetProperty("floatingPopulation").GetInt32());
        Assert.Equal(1, north.GetProperty("ageBands").GetProperty("30-39").GetInt32());
    }

    [Fact]
    public async Task Demographics_as_csv_has_a_line_per_figure()
    {
        var csv = await Hub.GetTextAsync("/api/reports/demographics?format=csv");

        var lines = csv.TrimStart('\uFEFF').ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("breakdown,key,count", lines[0]);
        Assert.Contains("total,floatingPopulation,2", lines);
        Assert.Contains("origin,sameCity,1", lines);
    }

    [Fact]
    public async Task Staffing_needs_one_co_manager_per_500_urban_or_800_rural_rounded_up_against_those_configured()
    {
        var lines = (await Hub.GetJsonAsync("/api/reports/staffing")).EnumerateArray().ToList();

        var north = lines.Single(l => l.GetProperty("community").GetString() == "north-c1");
        Assert.Equal("urban", north.GetProperty("area").GetString());
        Assert.Equal(1, north.GetProperty("floatingPopulation").GetInt32());
        Assert.Equal(1, north.GetProperty("needed").GetInt32());
        Assert.Equal(0, north.GetProperty("configured").GetInt32());
        Assert.Equal(1, north.GetProperty("shortfall").GetInt32());
        var south = lines.Single(l => l.GetProperty("community").GetString() == "south-c1");
        Assert.Equal(0, south.GetProperty("shortfall").GetInt32());
    }

    [Fact]
    public async Task Staffing_as_csv_through_the_accept_header()
    {
        var csv = await Hub.GetTextAsync("/api/reports/staffing", accept: "text/csv");

        var lines = csv.TrimStart('\uFEFF').ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("community,station,area,floatingPopulation,needed,configured,shortfall", lines[0]);
        Assert.Contains("north-c1,north,urban,1,1,0,1", lines);
    }

    [Fact]
    public async Task The_weekly_station_report_counts_the_week_findings_and_the_operators_open_cases()
    {
        var report = await Hub.GetJsonAsync("/api/reports/weekly?station=north&year=2026&week=11");

        Assert.Equal("2026-W11", report.GetProperty("week").GetString());
        var total = report.GetProperty("total");
        Assert.Equal(1, total.GetProperty("findingsOpened").GetInt32());
        Assert.Equal(1, total.GetProperty("openBacklog").GetInt32());
        Assert.Equal(1, total.GetProperty("floatingPopulation").GetInt32());
        var landlord = report.GetProperty("operators").EnumerateArray().Single(o => o.GetProperty("operator").GetString() == "王房东");
        Assert.Equal(1, landlord.GetProperty("openUnregistered").GetInt32());

        var csv = await Hub.GetTextAsync("/api/reports/weekly?station=north&year=2026&week=11&format=csv");
        Assert.Contains("2026-W11,operator,王房东,", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reports_are_limited_to_the_callers_area()
    {
        var officer = await Hub.CreateUserAsync("report-officer", "stationOfficer", station: "south");
        var coManager = await Hub.CreateUserAsync("report-co", "coManager", station: "north", community: "north-c1");

        var own = await Hub.GetJsonAsync("/api/reports/demographics", officer);
        var other = await Hub.GetJsonAsync("/api/reports/demographics?station=north", officer);
        var staffing = (await Hub.GetJsonAsync("/api/reports/staffing", coManager)).EnumerateArray().ToList();
        var weekly = await Hub.GetJsonAsync("/api/reports/weekly?year=2026&week=11", officer);

        Assert.Equal(1, own.GetProperty("floatingPopulation").GetInt32());
        Assert.Equal(0, other.GetProperty("floatingPopulation").GetInt32());
        Assert.Equal("north-c1", Assert.Single(staffing).GetProperty("community").GetString());
        Assert.Equal("south", weekly.GetProperty("station").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, await Hub.StatusAsync("/api/reports/weekly?station=north", coManager));
        Assert.Equal(HttpStatusCode.Unauthorized, await Hub.StatusAsync("/api/reports/staffing", token: null));
    }
}
