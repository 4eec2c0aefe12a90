using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using GateSync.Contracts.Wire;
using GateSync.Hub;
using GateSync.Hub.Reconciliation;
using GateSync.Hub.Storage;
using GateSync.Testing;
using GateSync.Testing.Processes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace GateSync.Dashboard.Tests.Support;

/// <summary>
/// The real hub in-process (embedded broker on a free port, LiteDB in a temp directory, a fake clock) with the
/// <see cref="SeededDistrict"/> lived through day by day: the roll imported as CSV over HTTP, each day's
/// check-ins and agent statuses committed as ingest commits them, the timer's evaluation run at each day's end.
/// Staff users are created through the users API.
/// </summary>
internal sealed class DashboardHub : IAsyncDisposable
{
    public const string AdminToken = "dashboard-tests-admin-token-0123456789";
    public const string AdminUser = "admin";
    public const string AdminPassword = "first-admin-password";
    public const string OfficerUser = "zhang.wei";
    public const string OfficerPassword = "officer-password-1";
    public const string CoManagerUser = "li.na";
    public const string CoManagerPassword = "co-manager-password";

    /// <summary>10 March 2026, noon in the district.</summary>
    public static readonly DateTimeOffset Now = new(2026, 3, 10, 12, 0, 0, TimeSpan.FromHours(8));

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly TempDirectory _data = new();
    private readonly Dictionary<string, long> _seqs = new(StringComparer.Ordinal);
    private WebApplication? _app;

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(SeededDistrict.FirstDay.ToDateTime(new TimeOnly(7, 0)), TimeSpan.FromHours(8)));

    public HttpClient Http { get; private set; } = null!;

    public Uri BaseAddress => Http.BaseAddress!;

    public IServiceProvider Services => _app!.Services;

    public static async Task<DashboardHub> StartSeededAsync()
    {
        var hub = await StartEmptyAsync();
        await hub.SeedAsync();
        return hub;
    }

    /// <summary>Only the first administrator (from settings) and the roll's sites: for the session tests.</summary>
    public static async Task<DashboardHub> StartEmptyAsync()
    {
        var hub = new DashboardHub();
        await hub.StartAsync();
        return hub;
    }

    private async Task StartAsync()
    {
        string[] args =
        [
            "--urls", "http://127.0.0.1:0",
            "--Hub:DataDirectory", _data.Path,
            "--Hub:Auth:BootstrapAdminToken", AdminToken,
            "--Hub:Auth:FirstAdmin:UserName", AdminUser,
            "--Hub:Auth:FirstAdmin:Password", AdminPassword,
            "--Hub:Mqtt:Mode", "Embedded",
            "--Hub:Mqtt:Embedded:Port", FreeTcpPort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--Hub:Mqtt:Embedded:BindAddress", "127.0.0.1",
            "--Logging:LogLevel:Default", "Warning",
        ];
        _app = HubApp.Build(args, builder => builder.Services.AddSingleton<TimeProvider>(Time));
        await _app.StartAsync();
        Http = new HttpClient { BaseAddress = new Uri(_app.Urls.First()), Timeout = TimeSpan.FromSeconds(60) };
        await Eventually.TrueAsync(async () => (await Http.GetAsync("/api/health")).StatusCode == HttpStatusCode.OK, "hub health 200", TimeSpan.FromSeconds(60));
    }

    private async Task SeedAsync()
    {
        await ImportAsync("sites", SeededDistrict.Sites);
        await ImportAsync("communities", SeededDistrict.Communities);
        await ImportAsync("registrations", SeededDistrict.RegistrationsCsv(
            [SeededDistrict.RegistrationRow(SeededDistrict.Mover, SeededDistrict.FirstDay.AddDays(-40))]));

        var reconciler = Services.GetRequiredService<Reconciler>();
        var store = Services.GetRequiredService<CheckInStore>();
        for (var day = SeededDistrict.FirstDay; day <= SeededDistrict.LastDay; day = day.AddDays(1))
        {
            var evening = At(day, 21);
            Time.SetUtcNow(evening);
            var checkIns = SeededDistrict.Lodgers
                .Where(p => p.Days.Contains(day))
                .Select(p => p.CheckInOn(day, NextSeq(SeededDistrict.AgentOf(p.SiteId))))
                .ToList();
            var batch = new IngestBatch(checkIns, Statuses(evening, offlineSite: null), [], evening);
            store.Commit(batch);
            await reconciler.RecordCommittedAsync(batch, CancellationToken.None);

            var registering = SeededDistrict.Lodgers.Where(p => p.RegistersOn == day).Select(p => SeededDistrict.RegistrationRow(p, day)).ToList();
            if (registering.Count > 0)
            {
                await ImportAsync("registrations", SeededDistrict.RegistrationsCsv(registering));
            }

            await reconciler.EvaluateAsync(CancellationToken.None);
        }

        // This morning site-s2's agent went offline with check-ins it could not send yet.
        Time.SetUtcNow(Now);
        var final = new IngestBatch([], Statuses(Now, offlineSite: "site-s2"), [], Now);
        store.Commit(final);
        await reconciler.RecordCommittedAsync(final, CancellationToken.None);
        await reconciler.EvaluateAsync(CancellationToken.None);

        await CreateUserAsync(OfficerUser, "stationOfficer", OfficerPassword, station: SeededDistrict.CityStation);
        await CreateUserAsync(CoManagerUser, "coManager", CoManagerPassword, community: SeededDistrict.Beiyuan);
    }

    /// <summary>Agent n3-gate skipped seqs 5-7 once (lost in a power cut): its missing range.</summary>
    private long NextSeq(string agentId)
    {
        var next = _seqs.GetValueOrDefault(agentId) + 1;
        if (agentId == "n3-gate" && next == 5)
        {
            next = 8;
        }

        _seqs[agentId] = next;
        return next;
    }

    private List<AgentStatus> Statuses(DateTimeOffset at, string? offlineSite) =>
        [.. SeededDistrict.Lodgers.Select(p => p.SiteId).Distinct().Order(StringComparer.Ordinal).Select(site => new AgentStatus
        {
            AgentId = SeededDistrict.AgentOf(site),
            SiteId = site,
            State = site == offlineSite ? AgentState.Offline : AgentState.Online,
            At = at,
            LastSeq = _seqs.GetValueOrDefault(SeededDistrict.AgentOf(site)),
            Backlog = site == offlineSite ? 17 : 0,
        })];

    private static DateTimeOffset At(DateOnly day, int hour) => new(day.ToDateTime(new TimeOnly(hour, 0)), TimeSpan.FromHours(8));

    public async Task<JsonElement> ImportAsync(string kind, string csv)
    {
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv") { CharSet = "utf-8" };
        using var response = await SendAsync(HttpMethod.Post, $"/api/import/{kind}", content);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"import {kind}: {(int)response.StatusCode} {text}");
        var body = JsonDocument.Parse(text).RootElement.Clone();
        Assert.Equal(0, body.GetProperty("rejected").GetArrayLength());
        return body;
    }

    public async Task CreateUserAsync(string name, string role, string password, string? station = null, string? community = null)
    {
        using var create = JsonContent.Create(new { name, role, station, community });
        using var created = await SendAsync(HttpMethod.Post, "/api/users", create);
        var user = await created.Content.ReadFromJsonAsync<JsonElement>(Json);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var body = JsonContent.Create(new { password });
        using var set = await SendAsync(HttpMethod.Put, $"/api/users/{user.GetProperty("id").GetString()}/password", body);
        Assert.Equal(HttpStatusCode.NoContent, set.StatusCode);
    }

    /// <summary>A call with the bootstrap administrator's bearer token, as a machine client makes it.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
        return await Http.SendAsync(request);
    }

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await SendAsync(HttpMethod.Get, path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public async ValueTask DisposeAsync()
    {
        Http?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        _data.Dispose();
    }
}
