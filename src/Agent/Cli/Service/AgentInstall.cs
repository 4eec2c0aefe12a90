using System.Runtime.InteropServices;

namespace GateSync.Agent.Cli.Service;

/// <summary>Where this agent is installed: the dotnet host that runs it and its assembly.</summary>
public sealed record AgentInstall(string DotnetHost, string AgentAssembly)
{
    /// <summary>The service's working directory: <c>appsettings.json</c> sits next to the assembly.</summary>
    public string Directory => Path.GetDirectoryName(AgentAssembly) ?? "/";

    /// <summary>The install the running program belongs to.</summary>
    public static AgentInstall Current() => new(FindDotnetHost(), typeof(AgentInstall).Assembly.Location);

    private static string FindDotnetHost()
    {
        var process = Environment.ProcessPath;
        if (process is not null && Path.GetFileNameWithoutExtension(process) == "dotnet")
        {
            return process;
        }

        // Started through the apphost: the runtime directory is <root>/shared/Microsoft.NETCore.App/<version>/.
        var runtime = new DirectoryInfo(RuntimeEnvironment.GetRuntimeDirectory());
        var root = runtime.Parent?.Parent?.Parent;
        var host = root is null ? null : Path.Combine(root.FullName, "dotnet");
        return host is not null && File.Exists(host) ? host : "/usr/bin/dotnet";
    }
}
