using System.Diagnostics;
using System.Runtime.CompilerServices;
using GateSync.Testing.Mqtt;
using GateSync.Testing.Processes;

namespace GateSync.Hub.Tests.Agents;

/// <summary>
/// A real Mosquitto run on the repository's own <c>config/mosquitto/gatesync.conf</c>, with its ports, file paths and
/// persistence moved into a temp directory, a trial CA made by <c>scripts/make-trial-ca.sh</c>, and the password file
/// and ACL the hub exported.
/// </summary>
internal sealed class ShippedMosquitto : IAsyncDisposable
{
    private readonly ChildProcess _process;

    private ShippedMosquitto(ChildProcess process, string certificates, int tlsPort, int plainPort)
    {
        _process = process;
        CaFile = Path.Combine(certificates, "gatesync-ca.crt");
        TlsPort = tlsPort;
        PlainPort = plainPort;
    }

    public int TlsPort { get; }

    public int PlainPort { get; }

    public string CaFile { get; }

    public string Log => _process.RecentOutput();

    public static string RepositoryRoot([CallerFilePath] string file = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, "..", "..", ".."));

    public static async Task<ShippedMosquitto> StartAsync(string directory, string passwordFile, string aclFile)
    {
        var certificates = Path.Combine(directory, "certs");
        await RunAsync("bash", Path.Combine(RepositoryRoot(), "scripts", "make-trial-ca.sh"), certificates);

        // Mosquitto started as root drops to its own user, which must read the key (in production: chown mosquitto).
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Path.Combine(certificates, "gatesync-broker.key"), UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }
        var passwd = Path.Combine(directory, "gatesync.passwd");
        var acl = Path.Combine(directory, "gatesync.acl");
        await File.WriteAllTextAsync(passwd, passwordFile);
        await File.WriteAllTextAsync(acl, aclFile);

        var tlsPort = FreeTcpPort.Next();
        var plainPort = FreeTcpPort.Next();
        var shipped = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot(), "config", "mosquitto", "gatesync.conf"));
        var config = shipped
            .Replace("listener 8883", $"listener {tlsPort} 127.0.0.1", StringComparison.Ordinal)
            .Replace("listener 1883 127.0.0.1", $"listener {plainPort} 127.0.0.1", StringComparison.Ordinal)
            .Replace("/etc/mosquitto/certs", certificates, StringComparison.Ordinal)
            .Replace("/etc/mosquitto/gatesync.passwd", passwd, StringComparison.Ordinal)
            .Replace("/etc/mosquitto/gatesync.acl", acl, StringComparison.Ordinal)
            .Replace("persistence true", "persistence false", StringComparison.Ordinal)
            + "\nlog_dest stderr\n";
        Assert.Contains($"listener {tlsPort}", config, StringComparison.Ordinal);
        var configPath = Path.Combine(directory, "mosquitto.conf");
        await File.WriteAllTextAsync(configPath, config);

        var process = ChildProcess.Start("mosquitto", MosquittoBroker.Binary, ["-c", configPath]);
        var broker = new ShippedMosquitto(process, certificates, tlsPort, plainPort);
        try
        {
            await LoopbackListener.WaitUntilListeningAsync(tlsPort, TimeSpan.FromSeconds(30));
            await LoopbackListener.WaitUntilListeningAsync(plainPort, TimeSpan.FromSeconds(30));
        }
        catch
        {
            var output = process.RecentOutput();
            await broker.DisposeAsync();
            throw new InvalidOperationException($"mosquitto did not start:\n{output}");
        }

        return broker;
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();

    private static async Task RunAsync(string file, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{file} {string.Join(' ', arguments)}: {error}");
    }
}
