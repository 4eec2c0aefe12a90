using System.Diagnostics;
using GateSync.Testing.Processes;

namespace GateSync.Testing;

/// <summary>
/// Two connected pseudo-terminals made by socat, standing in for a serial cable: the agent opens
/// <see cref="AgentSide"/>, a device emulator opens <see cref="DeviceSide"/>. Can be stopped and
/// started again on the same paths, as a USB device is unplugged and plugged back.
/// </summary>
public sealed class SocatPtyPair : IDisposable
{
    private const string Socat = "/usr/bin/socat";
    private readonly TimeSpan startTimeout;
    private ChildProcess? socat;

    private SocatPtyPair(string directory, TimeSpan startTimeout)
    {
        Directory = directory;
        this.startTimeout = startTimeout;
    }

    public string Directory { get; }

    public string AgentSide => Path.Combine(Directory, "agent");

    public string DeviceSide => Path.Combine(Directory, "device");

    /// <summary>What socat said lately, for failure messages.</summary>
    public string Log => socat?.RecentOutput() ?? "(socat is not running)";

    public static async Task<SocatPtyPair> StartAsync(TimeSpan? startTimeout = null)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("gatesync-pty-").FullName;
        var pair = new SocatPtyPair(directory, startTimeout ?? TimeSpan.FromSeconds(15));
        try
        {
            await pair.RestartAsync().ConfigureAwait(false);
            return pair;
        }
        catch
        {
            pair.Dispose();
            throw;
        }
    }

    /// <summary>Starts socat (again) and waits until both links exist.</summary>
    public async Task RestartAsync()
    {
        if (socat is not null)
        {
            throw new InvalidOperationException("socat is already running");
        }

        socat = ChildProcess.Start(
            "socat", Socat, ["-d", "-d", $"pty,raw,echo=0,link={AgentSide}", $"pty,raw,echo=0,link={DeviceSide}"]);

        var deadline = Stopwatch.StartNew();
        while (!(File.Exists(AgentSide) && File.Exists(DeviceSide)))
        {
            if (socat.HasExited || deadline.Elapsed > startTimeout)
            {
                var output = socat.RecentOutput();
                Stop();
                throw new InvalidOperationException($"socat did not create both ptys within {startTimeout}: {output}");
            }

            await Task.Delay(20).ConfigureAwait(false);
        }
    }

    /// <summary>Kills socat and removes its links, as if the device were unplugged.</summary>
    public void Stop()
    {
        if (socat is { } process)
        {
            socat = null;
            process.Kill();
            process.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        // A killed socat leaves its links behind, pointing at ptys that no longer exist.
        File.Delete(AgentSide);
        File.Delete(DeviceSide);
    }

    public void Dispose()
    {
        Stop();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the directory lives under the system temp folder.
        }
    }
}
