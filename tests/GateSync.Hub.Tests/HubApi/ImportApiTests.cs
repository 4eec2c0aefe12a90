using System.Net;
using System.Text.Json;
using GateSync.Hub.Registrations;
using GateSync.Hub.Tests.Reconciliation;
using GateSync.Hub.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace GateSync.Hub.Tests.HubApi;

public sealed class ImportApiTests(ReconciliationHubFixture fixture) : IClassFixture<ReconciliationHubFixture>
{
    private const string RegistrationHeader = "idNumber,name,siteId,registeredOn,validUntil,occupation,education,status\n";

    private RunningHub Hub => fixture.Hub;

    [Fact]
    public async Task Good_site_rows_are_stored_and_bad_ones_rejected_with_their_row_number_and_reason()
    {
        var (status, body) = await Hub.PostCsvAsync("/api/import/sites", """
            siteId,name,kind,address,community,station,area,operator,operatorPhone
            imp-a1,甲,rental,,imp-c,imp-st,urban,,
            imp/a2,乙,rental,,imp-c,imp-st,urban,,
            imp-a3,丙,castle,,imp-c,imp-st,urban,,
            imp-a4,"丁, ""新""楼",worksite,"多行
            地址",imp-c,imp-st,rural,赵,1
            """);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(2, body.GetProperty("imported").GetInt32());
        Assert.Equal(0, body.GetProperty("updated").GetInt32());
        var rejected = body.GetProperty("rejected").EnumerateArray().ToList();
        Assert.Equal([2, 3], rejected.Select(r => r.GetProperty("row").GetInt32()));
        Assert.Contains("siteId", rejected[0].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Contains("kind", rejected[1].GetProperty("reason").GetString(), StringComparison.Ordinal);

        var quoted = Hub.Services.GetRequiredService<RegistrationRoll>().Sites()["imp-a4"];
        Assert.Equal("丁, \"新\"楼", quoted.Name);
        Assert.Equal("多行\n地址", quoted.Address!.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Importing_the_same_key_again_updates_it()
    {
        const string csv = "community,station,area,coManagers\nimp-up,imp-st,urban,1\n";
        Assert.Equal(1, (await Hub.ImportAsync("communities", csv)).GetProperty("imported").GetInt32());

        var again = await Hub.ImportAsync("communities", csv.Replace(",1\n", ",4\n", StringComparison.Ordinal));

        Assert.Equal(0, again.GetProperty("imported").GetInt32());
        Assert.Equal(1, again.GetProperty("updated").GetInt32());
        Assert.Equal(4, Hub.Services.GetRequiredService<RegistrationRoll>().Communities().Single(c => c.Name == "imp-up").CoManagers);
    }

    [Fact]
    public async Task A_file_with_a_byte_order_mark_is_read_like_one_without()
    {
        var (status, body) = await Hub.PostCsvAsync("/api/import/communities", "community,station,area,coManagers\nimp-bom,imp-st,rural,2\n", bom: true);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1, body.GetProperty("imported").GetInt32());
        Assert.Empty(body.GetProperty("rejected").EnumerateArray());
    }

    [Fact]
    public async Task Registration_rows_are_rejected_for_a_bad_check_character_a_bad_date_an_unknown_status_or_an_unknown_site()
    {
        var good = TestPeople.NonLocal(301);
        var badCheck = good[..^1] + (good[^1] == '0' ? '1' : '0');
        var csv = RegistrationHeader
            + $"{good},张三,site-n1,2026-01-05,,工人,初中,active\n"
            + $"{badCheck},李四,site-n1,2026-01-05,,,,active\n"
            + $"{TestPeople.NonLocal(302)},王五,site-n1,2026-13-05,,,,active\n"
            + $"{TestPeople.NonLocal(303)},赵六,site-n1,2026-01-05,,,,gone\n"
            + $"{TestPeople.NonLocal(304)},钱七,no-such-site,2026-01-05,,,,active\n";

        var body = await Hub.ImportAsync("registrations", csv);

        Assert.Equal(1, body.GetProperty("imported").GetInt32());
        var reasons = body.GetProperty("rejected").EnumerateArray()
            .ToDictionary(r => r.GetProperty("row").GetInt32(), r => r.GetProperty("reason").GetString()!);
        Assert.Equal([2, 3, 4, 5], reasons.Keys.Order());
        Assert.Contains("idNumber", reasons[2], StringComparison.Ordinal);
        Assert.Contains("registeredOn", reasons[3], StringComparison.Ordinal);
        Assert.Contains("status", reasons[4], StringComparison.Ordinal);
        Assert.Contains("no-such-site", reasons[5], StringComparison.Ordinal);
        Assert.DoesNotContain(badCheck, string.Join(" ", reasons.Values), StringComparison.Ordinal);
        Assert.NotNull(Hub.Services.GetRequiredService<RegistrationRoll>().Registration(good));
    }

    [Fact]
    public async Task A_file_without_the_required_header_is_refused_whole_with_400()
    {
        var (status, body) = await Hub.PostCsvAsync("/api/import/sites", "siteId,name\nimp-x,x\n");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("kind", body.GetProperty("error").GetString(), StringComparison.Ordinal);
        var refused = Assert.Single(body.GetProperty("rejected").EnumerateArray());
        Assert.Equal(0, refused.GetProperty("row").GetInt32());
        Assert.False(Hub.Services.GetRequiredService<RegistrationRoll>().Sites().ContainsKey("imp-x"));
    }

    [Fact]
    public async Task Imports_need_a_token_and_the_district_administrator_role()
    {
        var officer = await Hub.CreateUserAsync("import-officer", "stationOfficer", station: "north");

        var (anonymous, _) = await Hub.PostCsvAsync("/api/import/sites", District.Sites, token: null);
        var (staff, _) = await Hub.PostCsvAsync("/api/import/sites", District.Sites, token: officer);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous);
        Assert.Equal(HttpStatusCode.Forbidden, staff);
    }

    [Fact]
    public async Task A_registration_import_resolves_the_unregistered_finding_it_answers()
    {
        var person = TestPeople.NonLocal(305);
        await fixture.StoreCheckInsAsync(
            ReconciliationHubFixture.Lodge(person, "site-n2", "imp-agent", 1, day: 4),
            ReconciliationHubFixture.Lodge(person, "site-n2", "imp-agent", 2, day: 5));
        Assert.Equal("open", await StatusOfFindingAtAsync("site-n2"));

        await Hub.ImportAsync("registrations", District.Registration(person, "site-n2"));

        Assert.Equal("resolved", await StatusOfFindingAtAsync("site-n2"));
    }

    [Fact]
    public async Task Rebuild_reports_what_it_read()
    {
        var summary = await Hub.CallAsync(HttpMethod.Post, "/api/reconciliation/rebuild");
        var body = JsonDocument.Parse(await summary.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, summary.StatusCode);
        Assert.True(body.GetProperty("openFindings").GetInt32() >= 2);
    }

    private async Task<string> StatusOfFindingAtAsync(string siteId)
    {
        var findings = await Hub.GetJsonAsync($"/api/findings?siteId={siteId}&type=unregistered");
        return Assert.Single(findings.EnumerateArray()).GetProperty("status").GetString()!;
    }
}
