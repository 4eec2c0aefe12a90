using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using GateSync.Testing.Processes;

namespace GateSync.EndToEnd.Tests.Infrastructure;

/// <summary>The real hub program, run as a process on free ports with its own data directory.</summary>
internal sealed class HubProcess : IAsyncDisposable
{
    public const string AdminToken = "e2e-admin-token-0001";

    private readonly List<string> _settings;
    private ChildProcess _process;

    private HubProcess(string dataDirectory, int httpPort, List<string> settings, ChildProcess process)
    {
        DataDirectory = dataDirectory;
        HttpPort = httpPort;
        _settings = settings;
        _process = process;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}"), Timeout = TimeSpan.FromSeconds(30) };
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
    }

    public string DataDirectory { get; }

    public int HttpPort { get; }

    public HttpClient Http { get; }

    /// <summary>A hub on its embedded broker, listening for MQTT on <paramref name="mqttPort"/>; agents need credentials (<see cref="RegisterAgentAsync"/>).</summary>
    public static Task<HubProcess> StartEmbeddedAsync(int mqttPort, string? dataDirectory = null, params string[] extraSettings) =>
        StartAsync(dataDirectory, ["--Hub:Mqtt:Mode=Embedded", $"--Hub:Mqtt:Embedded:Port={mqttPort}", .. extraSettings]);

    /// <summary>Creates the agent through <c>PUT /api/agents/{agentId}</c>; returns the settings it connects with.</summary>
    public async Task<string[]> RegisterAgentAsync(string siteId, string agentId)
    {
        using var response = await Http.PutAsJsonAsync($"/api/agents/{agentId}", new { siteId });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return [$"--Agent:Mqtt:Username={body.GetProperty("mqttUsername").GetString()}", $"--Agent:Mqtt:Password={body.GetProperty("mqttPassword").GetString()}"];
    }

    /// <summary>A hub that subscribes to an external broker such as Mosquitto.</summary>
    public static Task<HubProcess> StartExternalAsync(string host, int port, string? dataDirectory = null, params string[] extraSettings) =>
        StartAsync(dataDirectory, ["--Hub:Mqtt:Mode=External", $"--Hub:Mqtt:External:Host={host}", $"--Hub:Mqtt:External:Port={port}", .. extraSettings]);

    public async Task<long> CheckInCountAsync(string? siteId = null, string? agentId = null)
    {
        var query = $"/api/checkins/count?siteId={siteId}&agentId={agentId}";
        var body = await Http.GetFromJsonAsync<JsonElement>(query);
        return body.GetProperty("count").GetInt64();
    }

    public async Task<JsonElement> AgentsAsync() => await Http.GetFromJsonAsync<JsonElement>("/api/agents");

    /// <summary>Kills the hub without warning and starts it again on the same settings and data.</summary>
    public async Task RestartAfterKillAsync()
    {
        _process.Kill();
        await _process.DisposeAsync();
        _process = Launch(_settings);
        await WaitUntilHealthyAsync();
    }

    public string RecentOutput() => _process.RecentOutput();

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _process.DisposeAsync();
    }

    private static async Task<HubProcess> StartAsync(string? dataDirectory, string[] mqttSettings)
    {
        dataDirectory ??= Directory.CreateTempSubdirectory("gatesync-hub-").FullName;
        var httpPort = FreeTcpPort.Next();
        List<string> settings =
        [
            $"--urls=http://127.0.0.1:{httpPort}",
            $"--Hub:DataDirectory={dataDirectory}",
            $"--Hub:Auth:BootstrapAdminToken={AdminToken}",
            .. mqttSettings,
        ];
        var hub = new HubProcess(dataDirectory, httpPort, settings, Launch(settings));
        await hub.WaitUntilHealthyAsync();
        return hub;
    }

    private static ChildProcess Launch(List<string> settings) =>
        ChildProcess.Start("hub", ProgramPaths.DotnetHost, [ProgramPaths.Hub, .. settings]);

    private async Task WaitUntilHealthyAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The hub exited at start.{Environment.NewLine}{RecentOutput()}");
            }

            try
            {
                using var response = await Http.GetAsync("/api/health");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"The hub did not become healthy.{Environment.NewLine}{RecentOutput()}");
    }
}
