using System.Net.Sockets;
using GateSync.Testing.Processes;

namespace GateSync.Testing.Mqtt;

/// <summary>
/// A real Mosquitto on a free loopback port with its own config and persistence directory.
/// It can be stopped and started again on the same port, as a broker outage in the field.
/// </summary>
public sealed class MosquittoBroker : IAsyncDisposable
{
    public const string Binary = "/usr/sbin/mosquitto";

    private readonly string _directory;
    private ChildProcess? _process;

    private MosquittoBroker(string directory, int port)
    {
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    public string Host => "127.0.0.1";

    public string ConfigPath => Path.Combine(_directory, "mosquitto.conf");

    /// <summary>Starts a broker; <paramref name="extraConfig"/> lines are appended to its config.</summary>
    public static async Task<MosquittoBroker> StartAsync(params string[] extraConfig)
    {
        var directory = Directory.CreateTempSubdirectory("gatesync-mosquitto-").FullName;
        var broker = new MosquittoBroker(directory, FreeTcpPort.Next());
        await File.WriteAllLinesAsync(broker.ConfigPath, [
            $"listener {broker.Port} 127.0.0.1",
            "allow_anonymous true",
            // The shipped config lifts Mosquitto's default of 1000, which silently drops QoS 1 check-ins.
            "max_queued_messages 0",
            "persistence true",
            $"persistence_location {directory}/",
            "log_type error",
            "log_type warning",
            "log_type notice",
            .. extraConfig,
        ]);
        await broker.StartAgainAsync();
        return broker;
    }

    public async Task StartAgainAsync()
    {
        _process = ChildProcess.Start("mosquitto", Binary, ["-c", ConfigPath]);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Mosquitto exited at start.{Environment.NewLine}{_process.RecentOutput()}");
            }

            if (await AcceptsConnectionsAsync())
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"Mosquitto did not listen on {Port}.{Environment.NewLine}{_process.RecentOutput()}");
    }

    /// <summary>Stops the broker cleanly (it saves its persistence file), as an administrator restarting it.</summary>
    public async Task StopAsync()
    {
        if (_process is not null)
        {
            await _process.StopAsync(TimeSpan.FromSeconds(10));
            await _process.DisposeAsync();
            _process = null;
        }
    }

    public string RecentOutput() => _process?.RecentOutput() ?? "(mosquitto not running)";

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }
    }

    private async Task<bool> AcceptsConnectionsAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(Host, Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
