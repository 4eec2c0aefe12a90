using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using GateSync.Hub.Storage;
using GateSync.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace GateSync.Hub.Tests.Support;

/// <summary>The real hub, started in-process through <see cref="HubApp.Build"/> on free ports, spoken to over real HTTP.</summary>
internal sealed class RunningHub : IAsyncDisposable
{
    public const string AdminToken = "test-admin-token-0123456789abcdef";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly WebApplication _app;

    private RunningHub(WebApplication app, HttpClient http)
    {
        _app = app;
        Http = http;
    }

    public HttpClient Http { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>
    /// Starts a hub with its embedded broker on <paramref name="mqttPort"/>, admitting any client (ingest tests publish as
    /// stand-in agents); <paramref name="requireAuthentication"/> turns the per-agent credentials on.
    /// </summary>
    public static Task<RunningHub> StartEmbeddedAsync(string dataDirectory, int mqttPort, Action<WebApplicationBuilder>? configure = null, bool requireAuthentication = false) =>
        StartAsync(
            dataDirectory,
            ["--Hub:Mqtt:Mode", "Embedded", "--Hub:Mqtt:Embedded:Port", mqttPort.ToString(), "--Hub:Mqtt:Embedded:BindAddress", "127.0.0.1",
                "--Hub:Mqtt:Embedded:RequireAuthentication", requireAuthentication ? "true" : "false"],
            configure);

    /// <summary>Starts a hub that subscribes at an external broker on <paramref name="brokerPort"/>.</summary>
    public static Task<RunningHub> StartExternalAsync(string dataDirectory, int brokerPort, string clientId, Action<WebApplicationBuilder>? configure = null) =>
        StartAsync(dataDirectory, ["--Hub:Mqtt:Mode", "External", "--Hub:Mqtt:External:Host", "127.0.0.1", "--Hub:Mqtt:External:Port", brokerPort.ToString(), "--Hub:Mqtt:External:ClientId", clientId], configure);

    private static async Task<RunningHub> StartAsync(string dataDirectory, string[] mqttArgs, Action<WebApplicationBuilder>? configure)
    {
        string[] args =
        [
            "--urls", "http://127.0.0.1:0",
            "--Hub:DataDirectory", dataDirectory,
            "--Hub:Auth:BootstrapAdminToken", AdminToken,
            "--Logging:LogLevel:Default", "Warning",
            .. mqttArgs,
        ];
        var app = HubApp.Build(args, configure);
        await app.StartAsync();
        var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()), Timeout = TimeSpan.FromSeconds(60) };
        var hub = new RunningHub(app, http);
        await Eventually.TrueAsync(async () => (await http.GetAsync("/api/health")).StatusCode == HttpStatusCode.OK, "hub health 200");
        return hub;
    }

    public async Task<long> CountAsync(string query = "")
    {
        var response = await SendAsync($"/api/checkins/count{query}");
        return response.GetProperty("count").GetInt64();
    }

    public async Task<JsonElement?> AgentAsync(string agentId)
    {
        var agents = await SendAsync("/api/agents");
        foreach (var agent in agents.EnumerateArray())
        {
            if (agent.GetProperty("agentId").GetString() == agentId)
            {
                return agent;
            }
        }

        return null;
    }

    /// <summary><c>missing</c> of an agent as text, e.g. <c>[[3,3]]</c>; empty string when the agent is unknown.</summary>
    public async Task<string> MissingAsync(string agentId) =>
        (await AgentAsync(agentId))?.GetProperty("missing").GetRawText().Replace(" ", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal) ?? string.Empty;

    public long RejectedCount() => Services.GetRequiredService<HubQueries>().CountRejected();

    public async Task<JsonElement> SendAsync(string path, string? token = AdminToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await Http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>(Json);
    }

    public async Task StopAsync() => await _app.StopAsync();

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
