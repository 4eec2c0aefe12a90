using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace GateSync.Agent.Cli.Service;

/// <summary>
/// Where this agent is installed: the dotnet host that runs it and its assembly, or for a native AOT publish an empty
/// host and the executable itself.
/// </summary>
public sealed record AgentInstall(string DotnetHost, string AgentAssembly)
{
    /// <summary>The service's working directory: <c>appsettings.json</c> sits next to the assembly.</summary>
    public string Directory => Path.GetDirectoryName(AgentAssembly) ?? "/";

    /// <summary>The install the running program belongs to.</summary>
    /// <remarks>
    /// Native AOT (the published agent, see docs/agent-setup.md) has no assembly file and no dotnet host: the unit runs
    /// the executable. Assembly.Location is empty there (IL3000), so the assembly is found from the app's folder.
    /// </remarks>
    public static AgentInstall Current() =>
        RuntimeFeature.IsDynamicCodeSupported
            ? new(FindDotnetHost(), Path.Combine(AppContext.BaseDirectory, typeof(AgentInstall).Assembly.GetName().Name + ".dll"))
            : new(string.Empty, Environment.ProcessPath ?? Path.Combine(AppContext.BaseDirectory, "gatesync-agent"));

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
