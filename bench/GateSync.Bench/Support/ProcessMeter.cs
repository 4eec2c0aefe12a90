using System.Globalization;

namespace GateSync.Bench.Support;

/// <summary>CPU time and resident memory of a process, from <c>/proc</c>, to say which process the time went to.</summary>
public static class ProcessMeter
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux

    /// <summary>User plus system CPU seconds the process has used so far; 0 when it is gone.</summary>
    public static double CpuSeconds(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");

            // Fields after the command name in parentheses, which may itself hold spaces.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var user = long.Parse(fields[11], CultureInfo.InvariantCulture);
            var system = long.Parse(fields[12], CultureInfo.InvariantCulture);
            return (user + system) / TicksPerSecond;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    /// <summary>VmRSS in MiB, or null when the process is gone.</summary>
    public static double? RssMiB(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null ? null : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>
    /// VmRSS split as the kernel counts it (<c>RssAnon</c>, <c>RssFile</c>, <c>RssShmem</c>) in MiB, or null when the process
    /// is gone: for .NET, roughly the GC heap and native memory, the runtime and assemblies mapped in, and the JIT-ed code.
    /// </summary>
    public static (double Anon, double File, double Shmem)? RssSplitMiB(int pid)
    {
        try
        {
            var fields = File.ReadLines($"/proc/{pid}/status")
                .Where(l => l.StartsWith("Rss", StringComparison.Ordinal))
                .ToDictionary(l => l[..l.IndexOf(':', StringComparison.Ordinal)], l => long.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0);
            return (fields.GetValueOrDefault("RssAnon"), fields.GetValueOrDefault("RssFile"), fields.GetValueOrDefault("RssShmem"));
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>The process whose command line holds <paramref name="text"/> (e.g. a broker's config path).</summary>
    public static int? FindByCommandLine(string text)
    {
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                if (File.ReadAllText(Path.Combine(directory, "cmdline")).Contains(text, StringComparison.Ordinal))
                {
                    return pid;
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Gone meanwhile, or not ours to read.
            }
        }

        return null;
    }
}

/// <summary>CPU used by several processes over one measured window, as a share of one core.</summary>
public sealed class CpuWindow
{
    private readonly Dictionary<string, (int Pid, double Start)> processes = [];
    private readonly DateTime startedAt = DateTime.UtcNow;

    public CpuWindow(params (string Name, int? Pid)[] watched)
    {
        foreach (var (name, pid) in watched)
        {
            if (pid is { } id)
            {
                processes[name] = (id, ProcessMeter.CpuSeconds(id));
            }
        }
    }

    /// <summary>CPU seconds <paramref name="name"/> has used since the window opened; 0 for a process not watched.</summary>
    public double CpuSeconds(string name) =>
        processes.TryGetValue(name, out var process) ? ProcessMeter.CpuSeconds(process.Pid) - process.Start : 0;

    /// <summary>e.g. "bench+hub 152% of a core, mosquitto 38%, over 30 s (2 cores = 200%)".</summary>
    public string Describe()
    {
        var seconds = (DateTime.UtcNow - startedAt).TotalSeconds;
        var parts = processes.Select(p => $"{p.Key} {100 * (ProcessMeter.CpuSeconds(p.Value.Pid) - p.Value.Start) / seconds:0}%");
        return $"CPU over {seconds:0} s, as % of one core ({Environment.ProcessorCount} cores = {100 * Environment.ProcessorCount}%): {string.Join(", ", parts)}";
    }
}
