using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace GateSync.Bench.Report;

/// <summary>What the figures were measured on: they mean nothing without the machine and the date.</summary>
public sealed record MachineInfo(
    DateTimeOffset Date,
    int ProcessorCount,
    string CpuModel,
    string Memory,
    string OperatingSystem,
    string Runtime,
    string Mosquitto,
    string Commit,
    string LoadAtStart)
{
    public static MachineInfo Describe() => new(
        DateTimeOffset.UtcNow,
        Environment.ProcessorCount,
        ProcLine("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString(),
        MemTotal(),
        OsRelease(),
        RuntimeInformation.FrameworkDescription,
        FirstLine("/usr/sbin/mosquitto", "-h") ?? "unknown",
        GitCommit(),
        LoadAverage());

    /// <summary>Other work on the machine during the run takes cores from the figures; said beside them.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    public IEnumerable<(string Key, string Value)> Lines()
    {
        yield return ("date", Date.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture));
        yield return ("cpu", $"{ProcessorCount} x {CpuModel}");
        yield return ("memory", Memory);
        yield return ("os", OperatingSystem);
        yield return ("runtime", Runtime);
        yield return ("mosquitto", Mosquitto);
        yield return ("commit", Commit);
        yield return ("load average (1, 5, 15 min) at start", LoadAtStart);
    }

    private static string? ProcLine(string file, string key)
    {
        if (!File.Exists(file))
        {
            return null;
        }

        var line = File.ReadLines(file).FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal));
        return line?[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
    }

    private static string MemTotal()
    {
        var text = ProcLine("/proc/meminfo", "MemTotal");
        if (text is null)
        {
            return "unknown";
        }

        var kib = long.Parse(text.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0], CultureInfo.InvariantCulture);
        return $"{kib / 1024.0 / 1024.0:0.0} GiB";
    }

    private static string OsRelease()
    {
        var pretty = File.Exists("/etc/os-release")
            ? File.ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))?["PRETTY_NAME=".Length..].Trim('"')
            : null;
        return $"{pretty ?? RuntimeInformation.OSDescription}, kernel {Environment.OSVersion.Version}";
    }

    private static string GitCommit()
    {
        var head = FirstLine("git", "rev-parse", "--short", "HEAD");
        if (head is null)
        {
            return "unknown";
        }

        // Read-only look: the tree may hold work not yet committed, which the figures then include.
        var dirty = FirstLine("git", "status", "--porcelain", "--untracked-files=no") is not null;
        return dirty ? $"{head} + uncommitted changes" : head;
    }

    private static string? FirstLine(string program, params string[] arguments)
    {
        try
        {
            var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in arguments)
            {
                info.ArgumentList.Add(argument);
            }

            using var process = Process.Start(info)!;
            var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
            process.WaitForExit(5000);
            return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
