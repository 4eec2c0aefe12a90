using System.Diagnostics;
using GateSync.Testing.Processes;

namespace GateSync.Testing.Mqtt;

/// <summary>
/// A real Mosquitto on a free loopback port with its own config and persistence directory, configured as the shipped
/// one: queued QoS 1 check-ins are never dropped. It can be stopped and started again on the same port, keeping its
/// persistent sessions, as a broker outage or restart in the field.
/// </summary>
public sealed class MosquittoBroker : IAsyncDisposable
{
    public const string Binary = "/usr/sbin/mosquitto";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(15);

    private readonly TempDirectory _directory = new("gatesync-mosquitto-");
    private ChildProcess? _process;

    private MosquittoBroker()
    {
        Port = FreeTcpPort.Next();
    }

    public int Port { get; }

    public string Host => "127.0.0.1";

    public string ConfigPath => _directory.File("mosquitto.conf");

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Starts a broker; <paramref name="extraConfig"/> lines are appended to its config.</summary>
    public static async Task<MosquittoBroker> StartAsync(params string[] extraConfig)
    {
        var broker = new MosquittoBroker();
        try
        {
            await File.WriteAllLinesAsync(broker.ConfigPath, [
                $"listener {broker.Port} 127.0.0.1",
                "allow_anonymous true",
                // The shipped config lifts Mosquitto's default of 1000, which silently drops QoS 1 check-ins.
                "max_queued_messages 0",
                // As shipped: with Nagle on, deliveries and acks fall into step with delayed TCP acks (200 ms cycles).
                "set_tcp_nodelay true",
                "persistence true",
                $"persistence_location {broker._directory.Path}/",
                "log_dest stderr",
                "log_type error",
                "log_type warning",
                "log_type notice",
                "log_type information",
                "log_timestamp_format %H:%M:%S",
                .. extraConfig,
            ]);
            await broker.StartAgainAsync();
            return broker;
        }
        catch
        {
            await broker.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the broker (again) on its port and returns once it accepts connections.</summary>
    public async Task StartAgainAsync()
    {
        if (IsRunning)
        {
            return;
        }

        if (_process is not null)
        {
            await _process.DisposeAsync();
        }

        _process = ChildProcess.Start("mosquitto", Binary, ["-c", ConfigPath]);
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < StartTimeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Mosquitto exited at start (port {Port}).{Environment.NewLine}{_process.RecentOutput()}");
            }

            if (await LoopbackListener.AcceptsConnectionsAsync(Port))
            {
                if (_process.HasExited || _process.OutputContains("Address already in use"))
                {
                    throw new InvalidOperationException($"Port {Port} answers, but not this broker.{Environment.NewLine}{_process.RecentOutput()}");
                }

                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"Mosquitto did not listen on {Port}.{Environment.NewLine}{_process.RecentOutput()}");
    }

    /// <summary>Stops the broker with SIGTERM, so it saves its persistent sessions the way a service restart does.</summary>
    public async Task StopAsync()
    {
        if (_process is not null)
        {
            await _process.StopAsync(StopTimeout);
        }
    }

    /// <summary>The broker's own log lately, for failure messages.</summary>
    public string RecentOutput() => _process?.RecentOutput() ?? "(mosquitto never started)";

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.StopAsync(StopTimeout);
            await _process.DisposeAsync();
        }

        _directory.Dispose();
    }
}
