using System.Net;
using System.Net.Http.Json;
using GateSync.Hub.Tests.Support;

namespace GateSync.Hub.Tests.HubApi;

public sealed class UsersApiTests(ReconciliationHubFixture fixture) : IClassFixture<ReconciliationHubFixture>
{
    private RunningHub Hub => fixture.Hub;

    [Fact]
    public async Task An_issued_token_works_and_the_user_list_shows_no_tokens()
    {
        var token = await Hub.CreateUserAsync("client-1", "stationOfficer", station: "north");

        Assert.Equal(HttpStatusCode.OK, await Hub.StatusAsync("/api/findings", token));
        var users = await Hub.GetJsonAsync("/api/users");
        var user = users.EnumerateArray().Single(u => u.GetProperty("name").GetString() == "client-1");
        Assert.Equal("stationOfficer", user.GetProperty("role").GetString());
        Assert.Equal("north", user.GetProperty("station").GetString());
        Assert.False(user.TryGetProperty("token", out _));
        Assert.DoesNotContain(token, users.GetRawText(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"name":"x","role":"king"}""")]
    [InlineData("""{"name":"x","role":"stationOfficer"}""")]
    [InlineData("""{"name":"x","role":"coManager","station":"north"}""")]
    [InlineData("""{"name":"","role":"districtAdmin"}""")]
    public async Task A_user_without_a_known_role_or_its_area_is_400(string json)
    {
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        using var response = await Hub.CallAsync(HttpMethod.Post, "/api/users", RunningHub.AdminToken, content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Only_the_district_administrator_manages_users()
    {
        var officer = await Hub.CreateUserAsync("client-2", "stationOfficer", station: "north");
        using var content = JsonContent.Create(new { name = "y", role = "districtAdmin" });

        using var response = await Hub.CallAsync(HttpMethod.Post, "/api/users", officer, content);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, await Hub.StatusAsync("/api/users", officer));
    }
}
