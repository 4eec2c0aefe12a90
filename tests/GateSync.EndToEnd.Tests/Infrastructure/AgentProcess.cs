using GateSync.Testing.Processes;

namespace GateSync.EndToEnd.Tests.Infrastructure;

/// <summary>The real agent program, run as a process with its own data directory.</summary>
internal sealed class AgentProcess : IAsyncDisposable
{
    private readonly List<string> _settings;
    private ChildProcess _process;

    private AgentProcess(string siteId, string agentId, string dataDirectory, List<string> settings)
    {
        SiteId = siteId;
        AgentId = agentId;
        DataDirectory = dataDirectory;
        _settings = settings;
        _process = Launch(settings);
    }

    public string SiteId { get; }

    public string AgentId { get; }

    public string DataDirectory { get; }

    /// <summary>Starts an agent; <paramref name="readerSettings"/> are <c>Agent:Readers:...</c> settings without the prefix.</summary>
    public static AgentProcess Start(string siteId, string agentId, string mqttHost, int mqttPort, params string[] readerSettings) =>
        StartWith(siteId, agentId, mqttHost, mqttPort, [], readerSettings);

    /// <summary>Starts an agent with more settings, e.g. <c>--Agent:Mqtt:Username=...</c>.</summary>
    public static AgentProcess StartWith(string siteId, string agentId, string mqttHost, int mqttPort, string[] agentSettings, params string[] readerSettings)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("gatesync-agent-").FullName;
        List<string> settings =
        [
            $"--Agent:SiteId={siteId}",
            $"--Agent:AgentId={agentId}",
            $"--Agent:DataDirectory={dataDirectory}",
            $"--Agent:Mqtt:Host={mqttHost}",
            $"--Agent:Mqtt:Port={mqttPort}",
            .. readerSettings.Select(s => $"--Agent:Readers:{s}"),
            .. agentSettings,
        ];
        return new AgentProcess(siteId, agentId, dataDirectory, settings);
    }

    public bool HasExited => _process.HasExited;

    public string RecentOutput() => _process.RecentOutput();

    /// <summary>Kills the agent as a power cut would, and starts it again on the same data.</summary>
    public async Task RestartAfterKillAsync()
    {
        _process.Kill();
        await _process.DisposeAsync();
        _process = Launch(_settings);
    }

    /// <summary>The last seq the agent gave out, from its <c>seq.state</c> file.</summary>
    public long LastSeq()
    {
        var path = Path.Combine(DataDirectory, "seq.state");
        return File.Exists(path) && long.TryParse(File.ReadAllText(path).Trim(), System.Globalization.CultureInfo.InvariantCulture, out var seq) ? seq : 0;
    }

    /// <summary>Stops the agent as systemd does (SIGTERM) and starts it again with <paramref name="overrides"/> after its settings.</summary>
    public async Task RestartWithAsync(params string[] overrides)
    {
        await StopAsync();
        Relaunch(overrides);
    }

    /// <summary>SIGTERM and wait; <see cref="Relaunch"/> starts it again on the same data.</summary>
    public async Task StopAsync() => await _process.StopAsync(TimeSpan.FromSeconds(30));

    public void Relaunch(params string[] overrides)
    {
        _process.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _settings.AddRange(overrides);
        _process = Launch(_settings);
    }

    public async ValueTask DisposeAsync() => await _process.DisposeAsync();

    private static ChildProcess Launch(List<string> settings) =>
        ProgramPaths.AgentIsManaged
            ? ChildProcess.Start("agent", ProgramPaths.DotnetHost, [ProgramPaths.Agent, .. settings])
            : ChildProcess.Start("agent", ProgramPaths.Agent, settings);
}
