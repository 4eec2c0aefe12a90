using System.Net;
using System.Net.Http.Headers;
using GateSync.Hub.Tests.Ingest;

namespace GateSync.Hub.Tests.Api;

public sealed class ApiAuthorizationTests(EmbeddedHubFixture fixture) : IClassFixture<EmbeddedHubFixture>
{
    [Theory]
    [InlineData("/api/agents")]
    [InlineData("/api/checkins/count")]
    public async Task A_call_without_a_token_is_401(string path)
    {
        using var response = await fixture.Hub.Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_call_with_an_unknown_token_is_401()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync("/api/agents", "not-the-token-0123456789abcdef"));
    }

    [Fact]
    public async Task A_role_that_may_not_make_the_call_gets_403()
    {
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync("/api/agents", EmbeddedHubFixture.StationToken));
    }

    [Fact]
    public async Task The_bootstrap_admin_token_may_read_agents_and_counts()
    {
        Assert.Equal(HttpStatusCode.OK, await StatusAsync("/api/agents", Support.RunningHub.AdminToken));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync("/api/checkins/count?siteId=fr-0042", Support.RunningHub.AdminToken));
    }

    [Fact]
    public async Task A_count_for_an_identifier_that_cannot_exist_is_400()
    {
        Assert.Equal(HttpStatusCode.BadRequest, await StatusAsync("/api/checkins/count?siteId=a%2Fb", Support.RunningHub.AdminToken));
    }

    [Fact]
    public async Task Health_needs_no_token()
    {
        Assert.Equal(HttpStatusCode.OK, await StatusAsync("/api/health", token: null));
    }

    private async Task<HttpStatusCode> StatusAsync(string path, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await fixture.Hub.Http.SendAsync(request);
        return response.StatusCode;
    }
}
