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

    /// <summary>Extra environment for the agent (<c>--agent-env NAME=VALUE</c>), e.g. runtime GC settings to try.</summary>
    public static Dictionary<string, string?> Environment { get; } = [];

    /// <summary>
    /// Starts the agent with <paramref name="settings"/> (<c>--Agent:...=value</c>). It runs in
    /// <paramref name="dataDirectory"/>, so no appsettings.json of a build folder adds readers to it.
    /// </summary>
    public static ChildProcess Start(string dataDirectory, IEnumerable<string> settings)
    {
        var host = System.Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } dotnet ? dotnet : "dotnet";
        return ChildProcess.Start("agent", host, [Path, .. settings], Environment, workingDirectory: dataDirectory);
    }
}
