using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GateSync.Dashboard.Tests.Support;

namespace GateSync.Dashboard.Tests;

/// <summary>The session cookie beside bearer tokens, over plain HTTP: login, anti-forgery, the first administrator.</summary>
public sealed class SessionApiTests : IAsyncLifetime
{
    private DashboardHub _hub = null!;

    public async Task InitializeAsync() => _hub = await DashboardHub.StartEmptyAsync();

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Fact]
    public async Task First_administrator_logs_in_and_gets_a_strict_http_only_session_cookie()
    {
        using var client = Client(out _);
        using var login = await client.PostAsJsonAsync("/api/session", new { userName = DashboardHub.AdminUser, password = DashboardHub.AdminPassword });

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var cookie = Assert.Single(login.Headers.GetValues("Set-Cookie"), c => c.StartsWith("gatesync-session=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        var session = await client.GetFromJsonAsync<JsonElement>("/api/session");
        Assert.Equal("districtAdmin", session.GetProperty("role").GetString());
        Assert.Equal("Asia/Shanghai", session.GetProperty("timeZone").GetString());
        Assert.False(string.IsNullOrEmpty(session.GetProperty("antiForgeryToken").GetString()));
    }

    [Fact]
    public async Task Wrong_password_and_unknown_user_are_refused_alike()
    {
        using var client = Client(out _);
        using var wrong = await client.PostAsJsonAsync("/api/session", new { userName = DashboardHub.AdminUser, password = "wrong-password" });
        using var unknown = await client.PostAsJsonAsync("/api/session", new { userName = "nobody", password = "wrong-password" });

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(await wrong.Content.ReadAsStringAsync(), await unknown.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/session")).StatusCode);
    }

    [Fact]
    public async Task Repeated_failed_logins_for_a_user_name_are_refused_for_a_while_and_other_users_still_log_in()
    {
        using var client = Client(out _);
        for (var attempt = 1; attempt <= GateSync.Hub.Access.LoginThrottle.FailuresPerWindow; attempt++)
        {
            using var wrong = await client.PostAsJsonAsync("/api/session", new { userName = "officer-7", password = $"guess-{attempt}" });
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        using var refused = await client.PostAsJsonAsync("/api/session", new { userName = "officer-7", password = "guess-6" });
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.InRange(refused.Headers.RetryAfter?.Delta?.TotalSeconds ?? 0, 1, 60);
        Assert.Contains("try again in", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Other user names are not held up by it: the administrator still logs in.
        using var admin = await client.PostAsJsonAsync("/api/session", new { userName = DashboardHub.AdminUser, password = DashboardHub.AdminPassword });
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
    }

    [Fact]
    public async Task A_user_changes_their_own_password_only_with_the_current_one_and_wrong_guesses_are_throttled()
    {
        await _hub.CreateUserAsync("wang.fang", "coManager", "old-password-1", community: SeededDistrict.Beiyuan);
        using var client = Client(out _);
        (await client.PostAsJsonAsync("/api/session", new { userName = "wang.fang", password = "old-password-1" })).EnsureSuccessStatusCode();
        var token = (await client.GetFromJsonAsync<JsonElement>("/api/session")).GetProperty("antiForgeryToken").GetString()!;
        async Task<HttpResponseMessage> ChangeAsync(string current, string next)
        {
            using var request = new HttpRequestMessage(HttpMethod.Put, "/api/session/password") { Content = JsonContent.Create(new { currentPassword = current, newPassword = next }) };
            request.Headers.Add("X-GateSync-AntiForgery", token);
            return await client.SendAsync(request);
        }

        using (var tooShort = await ChangeAsync("old-password-1", "short"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, tooShort.StatusCode);
            Assert.Contains("newPassword", await tooShort.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var changed = await ChangeAsync("old-password-1", "new-password-2"))
        {
            Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        }

        using var other = Client(out _);
        using var old = await other.PostAsJsonAsync("/api/session", new { userName = "wang.fang", password = "old-password-1" });
        Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);
        using var renewed = await other.PostAsJsonAsync("/api/session", new { userName = "wang.fang", password = "new-password-2" });
        Assert.Equal(HttpStatusCode.OK, renewed.StatusCode);

        // Someone at a session left open cannot guess their way in: wrong current passwords count as failed logins, as
        // the refused login with the old password above did.
        for (var attempt = 2; attempt <= GateSync.Hub.Access.LoginThrottle.FailuresPerWindow; attempt++)
        {
            using var wrong = await ChangeAsync($"guess-{attempt}-xx", "taken-over-3");
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
            Assert.Contains("currentPassword", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using var refused = await ChangeAsync("new-password-2", "taken-over-3");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
    }

    [Fact]
    public async Task Cookie_call_that_changes_something_needs_the_anti_forgery_token()
    {
        using var client = Client(out _);
        (await client.PostAsJsonAsync("/api/session", new { userName = DashboardHub.AdminUser, password = DashboardHub.AdminPassword })).EnsureSuccessStatusCode();
        var token = (await client.GetFromJsonAsync<JsonElement>("/api/session")).GetProperty("antiForgeryToken").GetString()!;

        using var forged = await client.PostAsJsonAsync("/api/findings/no-such-finding/handled", new { reason = "forged" });
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/findings/no-such-finding/handled") { Content = JsonContent.Create(new { reason = "checked" }) };
        request.Headers.Add("X-GateSync-AntiForgery", token);
        using var genuine = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotFound, genuine.StatusCode);

        // The refused call did not end the session.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/session")).StatusCode);
    }

    [Fact]
    public async Task Bearer_tokens_work_as_before_beside_sessions()
    {
        using var withoutToken = await _hub.Http.GetAsync("/api/agents");
        Assert.Equal(HttpStatusCode.Unauthorized, withoutToken.StatusCode);
        Assert.Equal("Bearer", withoutToken.Headers.WwwAuthenticate.Single().Scheme);

        using var withToken = await _hub.SendAsync(HttpMethod.Get, "/api/session");
        var session = await withToken.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("districtAdmin", session.GetProperty("role").GetString());
        Assert.Equal(JsonValueKind.Null, session.GetProperty("antiForgeryToken").ValueKind);
    }

    [Fact]
    public async Task Dashboard_pages_are_served_with_a_content_security_policy()
    {
        using var response = await _hub.Http.GetAsync("/dashboard/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal(HttpStatusCode.NotFound, (await _hub.Http.GetAsync("/dashboard/../appsettings.json")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _hub.Http.GetAsync("/dashboard/%2e%2e/appsettings.json")).StatusCode);
    }

    private HttpClient Client(out CookieContainer cookies)
    {
        cookies = new CookieContainer();
#pragma warning disable CA2000 // The client owns and disposes its handler.
        var handler = new HttpClientHandler { CookieContainer = cookies, UseCookies = true };
#pragma warning restore CA2000
        return new HttpClient(handler, disposeHandler: true) { BaseAddress = _hub.BaseAddress };
    }
}
