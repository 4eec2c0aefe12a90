using System.Diagnostics;

namespace GateSync.Hub.Tests.Support;

/// <summary>A real Mosquitto on a free loopback port, configured as the shipped one should be: queued QoS 1 never dropped.</summary>
internal sealed class Mosquitto : IDisposable
{
    private const string Binary = "/usr/sbin/mosquitto";

    private readonly Process _process;
    private readonly TempDirectory _directory;

    private Mosquitto(Process process, TempDirectory directory, int port)
    {
        _process = process;
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    public static bool IsInstalled => File.Exists(Binary);

    public static async Task<Mosquitto> StartAsync()
    {
        var directory = new TempDirectory();
        var port = FreePort.Next();
        var config = Path.Combine(directory.Path, "mosquitto.conf");
        await File.WriteAllTextAsync(config, $"""
            listener {port} 127.0.0.1
            allow_anonymous true
            max_queued_messages 0
            persistence false
            log_dest stderr
            log_type error
            log_type warning
            """);
        var process = Process.Start(new ProcessStartInfo(Binary, ["-c", config])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var mosquitto = new Mosquitto(process, directory, port);
        try
        {
            await FreePort.WaitUntilListeningAsync(port, TimeSpan.FromSeconds(30));
        }
        catch
        {
            mosquitto.Dispose();
            throw;
        }

        return mosquitto;
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        finally
        {
            _process.Dispose();
            _directory.Dispose();
        }
    }
}
