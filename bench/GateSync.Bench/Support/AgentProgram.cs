using System.Reflection;
using GateSync.Testing.Processes;

namespace GateSync.Bench.Support;

/// <summary>The real agent program of this build (gatesync-agent.dll), run as its own process.</summary>
public static class AgentProgram
{
    public static string Path
    {
        get
        {
            var path = typeof(AgentProgram).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .Single(a => a.Key == "GateSync.AgentPath").Value;
            return path is not null && File.Exists(path) ? path : throw new FileNotFoundException($"the agent was not built at '{path}'");
        }
    }

    /// <summary>
    /// Environment for the agent: the runtime settings of the shipped systemd unit, so the bench measures the agent as
    /// installed, then <c>--agent-env NAME=VALUE</c> (e.g. GC settings to try).
    /// </summary>
    public static Dictionary<string, string?> Environment { get; } = ShippedRuntimeSettings();

    /// <summary>
    /// Starts the agent with <paramref name="settings"/> (<c>--Agent:...=value</c>). It runs in
    /// <paramref name="dataDirectory"/>, so no appsettings.json of a build folder adds readers to it.
    /// </summary>
    public static ChildProcess Start(string dataDirectory, IEnumerable<string> settings)
    {
        var host = System.Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } dotnet ? dotnet : "dotnet";
        return ChildProcess.Start("agent", host, [Path, .. settings], Environment, workingDirectory: dataDirectory);
    }

    /// <summary>The unit's <c>Environment=DOTNET_...</c> lines (the bench runs from the repository's root).</summary>
    private static Dictionary<string, string?> ShippedRuntimeSettings()
    {
        const string Unit = "config/systemd/gatesync-agent.service";
        const string Prefix = "Environment=DOTNET_";
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (!File.Exists(Unit))
        {
            throw new FileNotFoundException($"the bench runs from the repository's root (bench/run.sh does) to read {Unit}");
        }

        foreach (var line in File.ReadLines(Unit).Where(l => l.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            var assignment = line["Environment=".Length..];
            var equals = assignment.IndexOf('=', StringComparison.Ordinal);
            settings[assignment[..equals]] = assignment[(equals + 1)..];
        }

        return settings;
    }
}
