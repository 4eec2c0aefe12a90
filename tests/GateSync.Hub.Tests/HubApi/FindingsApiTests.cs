using System.Net;
using System.Text.Json;
using GateSync.Contracts.Identity;
using GateSync.Hub.Tests.Support;

namespace GateSync.Hub.Tests.HubApi;

public sealed class FindingsApiTests(ReconciliationHubFixture fixture) : IClassFixture<ReconciliationHubFixture>
{
    private RunningHub Hub => fixture.Hub;

    [Fact]
    public async Task Findings_carry_the_contract_fields_with_the_sites_community_and_station()
    {
        var finding = Assert.Single((await Hub.GetJsonAsync("/api/findings?station=north&type=unregistered")).EnumerateArray());

        Assert.Equal("unregistered", finding.GetProperty("type").GetString());
        Assert.Equal("open", finding.GetProperty("status").GetString());
        Assert.Equal("site-n1", finding.GetProperty("siteId").GetString());
        Assert.Equal("north-c1", finding.GetProperty("community").GetString());
        Assert.Equal("north", finding.GetProperty("station").GetString());
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.FromHours(8)), finding.GetProperty("since").GetDateTimeOffset());
        Assert.Equal(ReconciliationHubFixture.Now, finding.GetProperty("openedAt").GetDateTimeOffset());
        Assert.Equal(JsonValueKind.Null, finding.GetProperty("resolvedAt").ValueKind);
        Assert.False(string.IsNullOrEmpty(finding.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task Findings_are_masked_by_default_even_for_the_administrator()
    {
        var finding = Assert.Single((await Hub.GetJsonAsync("/api/findings?siteId=site-n1")).EnumerateArray());

        Assert.Equal(PersonalDataMask.IdNumber(District.NorthLodger), finding.GetProperty("idNumber").GetString());
        Assert.Equal("张*", finding.GetProperty("name").GetString());
    }

    [Fact]
    public async Task An_administrator_may_reveal_and_the_reveal_is_written_to_the_audit_log()
    {
        var finding = Assert.Single((await Hub.GetJsonAsync("/api/findings?siteId=site-n1&reveal=true")).EnumerateArray());

        Assert.Equal(District.NorthLodger, finding.GetProperty("idNumber").GetString());
        Assert.Equal("张三", finding.GetProperty("name").GetString());

        var audit = await Hub.GetJsonAsync("/api/audit?who=bootstrap-admin");
        var entry = audit.EnumerateArray().First(e => e.GetProperty("call").GetString()!.Contains("siteId=site-n1&reveal=true", StringComparison.Ordinal));
        Assert.Equal("district-admin", entry.GetProperty("role").GetString());
        Assert.Equal(finding.GetProperty("id").GetString(), Assert.Single(entry.GetProperty("findingIds").EnumerateArray()).GetString());
        Assert.Equal(PersonalDataMask.IdNumber(District.NorthLodger), Assert.Single(entry.GetProperty("idNumbers").EnumerateArray()).GetString());
    }

    [Fact]
    public async Task A_station_officer_sees_only_their_station_and_another_station_filter_returns_nothing()
    {
        var officer = await Hub.CreateUserAsync("officer-north", "stationOfficer", station: "north");

        var own = await Hub.GetJsonAsync("/api/findings", officer);
        var other = await Hub.GetJsonAsync("/api/findings?station=south", officer);
        var otherSite = await Hub.GetJsonAsync("/api/findings?siteId=site-s1&reveal=true", officer);

        Assert.NotEmpty(own.EnumerateArray());
        Assert.All(own.EnumerateArray(), f => Assert.Equal("north", f.GetProperty("station").GetString()));
        Assert.Empty(other.EnumerateArray());
        Assert.Empty(otherSite.EnumerateArray());
    }

    [Fact]
    public async Task A_station_officer_may_reveal_their_own_stations_findings_and_it_is_audited()
    {
        var officer = await Hub.CreateUserAsync("officer-reveal", "stationOfficer", station: "south");

        var finding = Assert.Single((await Hub.GetJsonAsync("/api/findings?reveal=true", officer)).EnumerateArray());

        Assert.Equal(District.SouthLodger, finding.GetProperty("idNumber").GetString());
        var audit = await Hub.GetJsonAsync("/api/audit?who=officer-reveal");
        Assert.Equal("station-staff", Assert.Single(audit.EnumerateArray()).GetProperty("role").GetString());
    }

    [Fact]
    public async Task A_co_manager_sees_their_communitys_findings_masked_and_may_not_reveal()
    {
        var coManager = await Hub.CreateUserAsync("co-south", "coManager", station: "south", community: "south-c1");

        var finding = Assert.Single((await Hub.GetJsonAsync("/api/findings", coManager)).EnumerateArray());
        Assert.Equal("south-c1", finding.GetProperty("community").GetString());
        Assert.Equal(PersonalDataMask.IdNumber(District.SouthLodger), finding.GetProperty("idNumber").GetString());

        Assert.Equal(HttpStatusCode.Forbidden, await Hub.StatusAsync("/api/findings?reveal=true", coManager));
        Assert.Empty((await Hub.GetJsonAsync("/api/findings?community=north-c1", coManager)).EnumerateArray());
    }

    [Fact]
    public async Task Findings_need_a_token_and_the_audit_only_the_administrator()
    {
        var officer = await Hub.CreateUserAsync("officer-audit", "stationOfficer", station: "north");

        Assert.Equal(HttpStatusCode.Unauthorized, await Hub.StatusAsync("/api/findings", token: null));
        Assert.Equal(HttpStatusCode.Forbidden, await Hub.StatusAsync("/api/audit", officer));
        // The reveal log is append-only: not even the administrator can change or delete it through the API.
        foreach (var method in new[] { HttpMethod.Delete, HttpMethod.Put, HttpMethod.Post, HttpMethod.Patch })
        {
            Assert.Equal(HttpStatusCode.MethodNotAllowed, await Hub.StatusAsync("/api/audit", RunningHub.AdminToken, method));
        }
    }

    [Theory]
    [InlineData("type=lost")]
    [InlineData("status=maybe")]
    public async Task An_unknown_filter_value_is_400(string query)
    {
        Assert.Equal(HttpStatusCode.BadRequest, await Hub.StatusAsync($"/api/findings?{query}", RunningHub.AdminToken));
    }
}
