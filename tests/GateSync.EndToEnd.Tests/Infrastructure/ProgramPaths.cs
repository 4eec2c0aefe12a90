using System.Reflection;

namespace GateSync.EndToEnd.Tests.Infrastructure;

/// <summary>The hub and agent assemblies built with these tests (recorded by the project file at build time).</summary>
internal static class ProgramPaths
{
    public static string Hub => Read("GateSync.HubPath");

    /// <summary>
    /// The agent: the build output (<c>gatesync-agent.dll</c>, run under <see cref="DotnetHost"/>), or the program named by
    /// <see cref="PublishedAgentVariable"/>: scripts/test.sh runs some tests again on the native AOT agent as it is installed.
    /// </summary>
    public static string Agent =>
        Environment.GetEnvironmentVariable(PublishedAgentVariable) is { Length: > 0 } published
            ? (File.Exists(published) ? published : throw new FileNotFoundException($"{PublishedAgentVariable} points to '{published}', which does not exist."))
            : Read("GateSync.AgentPath");

    public const string PublishedAgentVariable = "GATESYNC_TEST_AGENT";

    /// <summary>A <c>.dll</c> runs under the dotnet host; a native executable runs as it is.</summary>
    public static bool AgentIsManaged => Agent.EndsWith(".dll", StringComparison.OrdinalIgnoreCase);

    /// <summary>The <c>dotnet</c> host that runs the tests runs the programs too.</summary>
    public static string DotnetHost => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    private static string Read(string key)
    {
        var path = typeof(ProgramPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == key).Value;
        return path is not null && File.Exists(path)
            ? path
            : throw new FileNotFoundException($"{key} points to '{path}', which was not built.");
    }
}
