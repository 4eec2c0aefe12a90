using System.Reflection;

namespace GateSync.EndToEnd.Tests.Infrastructure;

/// <summary>The hub and agent assemblies built with these tests (recorded by the project file at build time).</summary>
internal static class ProgramPaths
{
    public static string Hub => Read("GateSync.HubPath");

    public static string Agent => Read("GateSync.AgentPath");

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
