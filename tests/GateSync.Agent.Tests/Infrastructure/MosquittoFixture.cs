using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace GateSync.Agent.Tests.Infrastructure;

/// <summary>
/// A real Mosquitto broker on a free loopback port, with its own config and persistence in a temp directory.
/// It can be stopped and started again on the same port, keeping persistent sessions (as a broker restart would).
/// </summary>
public sealed class MosquittoFixture : IAsyncDisposable
{
    public const string Binary = "/usr/sbin/mosquitto";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(15);

    /// <summary>Ports handed out in this test run, never handed out twice (a stopped broker comes back on its own port).</summary>
    private static readonly HashSet<int> Reserved = [];

    private readonly TempDirectory _directory = new();
    private Process? _process;

    private MosquittoFixture()
    {
        Port = FreeLoopbackPort();
        ConfigPath = _directory.File("mosquitto.conf");
        File.WriteAllText(ConfigPath, string.Join('\n',
            $"listener {Port.ToString(CultureInfo.InvariantCulture)} 127.0.0.1",
            "allow_anonymous true",

            // The contract's setting: never drop queued QoS 1 messages for a slow or absent subscriber.
            "max_queued_messages 0",
            "persistence true",
            $"persistence_location {_directory.Path}/",
            "log_dest stderr",
            "log_type error",
            "log_type warning",
            "log_type notice",
            "log_type information",
            "log_timestamp_format %H:%M:%S",
            string.Empty));
    }

    public string Host => "127.0.0.1";

    public int Port { get; }

    public string ConfigPath { get; }

    /// <summary>The broker's own log, for failure messages.</summary>
    public ConcurrentQueue<string> Log { get; } = new();

    public bool IsRunning => _process is { HasExited: false };

    public static async Task<MosquittoFixture> StartAsync()
    {
        var broker = new MosquittoFixture();
        try
        {
            await broker.StartAgainAsync();
            return broker;
        }
        catch
        {
            await broker.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the broker (again) on the same port and returns once it accepts connections.</summary>
    public async Task StartAgainAsync()
    {
        if (IsRunning)
        {
            return;
        }

        _process?.Dispose();
        var start = new ProcessStartInfo(Binary)
        {
            ArgumentList = { "-c", ConfigPath },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        _process = new Process { StartInfo = start };
        _process.ErrorDataReceived += (_, e) => Record(e.Data);
        _process.OutputDataReceived += (_, e) => Record(e.Data);
        _process.Start();
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();

        var deadline = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"mosquitto exited with {_process.ExitCode} at start (port {Port})");
            }

            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port);
                if (_process.HasExited || Log.Any(line => line.Contains("Address already in use", StringComparison.Ordinal)))
                {
                    throw new InvalidOperationException($"port {Port} answers, but not this broker: {string.Join('\n', Log)}");
                }

                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
    }

    /// <summary>Stops the broker with SIGTERM, so it saves its persistent sessions the way a service restart does.</summary>
    public async Task StopAsync()
    {
        if (!IsRunning)
        {
            return;
        }

        using (var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", _process!.Id.ToString(CultureInfo.InvariantCulture)])))
        {
            await kill!.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(StopTimeout);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                await _process.WaitForExitAsync();
            }

            _process.Dispose();
        }

        _directory.Dispose();
    }

    private void Record(string? line)
    {
        if (line is not null)
        {
            Log.Enqueue(line);
        }
    }

    /// <summary>
    /// A free port below the kernel's ephemeral range (32768 and up on Linux), so that while the broker is stopped no
    /// outgoing connection or <c>bind(0)</c> elsewhere can take its port before it starts again.
    /// </summary>
    private static int FreeLoopbackPort()
    {
        lock (Reserved)
        {
            for (var attempt = 0; attempt < 1000; attempt++)
            {
                var port = Random.Shared.Next(20000, 32000);
                if (Reserved.Contains(port))
                {
                    continue;
                }

                try
                {
                    var listener = new TcpListener(IPAddress.Loopback, port);
                    listener.Start();
                    listener.Stop();
                    Reserved.Add(port);
                    return port;
                }
                catch (SocketException)
                {
                    // Taken by someone else; try another.
                }
            }

            throw new InvalidOperationException("no free loopback port between 20000 and 32000");
        }
    }
}
