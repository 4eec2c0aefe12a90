using System.Reflection;
using GateSync.Testing.Processes;

namespace GateSync.Bench.Support;

/// <summary>
/// The real agent program, run as its own process: the agent as published by bench/run.sh (named by
/// <see cref="PublishedVariable"/>), else the build output of this very build (gatesync-agent.dll).
/// </summary>
public static class AgentProgram
{
    /// <summary>
    /// The published agent to run (bench/run.sh publishes it into the bench's artifacts folder, as it is installed):
    /// a <c>.dll</c> runs under <c>dotnet</c>, anything else (a native AOT executable) runs as it is.
    /// </summary>
    public const string PublishedVariable = "GATESYNC_BENCH_AGENT";

    public static string Path
    {
        get
        {
            var path = System.Environment.GetEnvironmentVariable(PublishedVariable) is { Length: > 0 } published
                ? published
                : typeof(AgentProgram).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                    .Single(a => a.Key == "GateSync.AgentPath").Value;
            return path is not null && File.Exists(path) ? path : throw new FileNotFoundException($"the agent was not built at '{path}'");
        }
    }

    /// <summary>How the agent was run, for the report: the published program or the build output.</summary>
    public static string Description =>
        System.Environment.GetEnvironmentVariable(PublishedVariable) is { Length: > 0 }
            ? $"published agent {System.IO.Path.GetFileName(Path)}{(IsManaged ? " under dotnet" : ", native executable")}"
            : "agent build output under dotnet";

    private static bool IsManaged => Path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase);

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
        var path = Path;
        if (!IsManaged)
        {
            return ChildProcess.Start("agent", path, settings, Environment, workingDirectory: dataDirectory);
        }

        var host = System.Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } dotnet ? dotnet : "dotnet";
        return ChildProcess.Start("agent", host, [path, .. settings], Environment, workingDirectory: dataDirectory);
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
