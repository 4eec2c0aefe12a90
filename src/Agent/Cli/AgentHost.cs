using GateSync.Agent.Configuration;

namespace GateSync.Agent.Cli;

/// <summary>The agent service as it runs under systemd or as a Windows service; <c>check-settings</c> loads settings through the same builder.</summary>
public static class AgentHost
{
    public static HostApplicationBuilder CreateBuilder(string[] args)
    {
        // Settings change with a restart. Watching appsettings*.json in the working directory (the data directory under
        // systemd) woke a file watcher on every outbox write: about 1.3 MB of allocations in a bench run.
        var configuration = new ConfigurationManager();
        configuration.AddInMemoryCollection([new("hostBuilder:reloadConfigOnChange", "false")]);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, Configuration = configuration });
        builder.Configuration.AddAgentSettingsFile();
        builder.Services.AddSystemd();

        // Both do nothing unless the agent was started by systemd or the Windows service manager.
        builder.Services.AddWindowsService(service => service.ServiceName = Service.SystemdUnit.ServiceName);
        builder.Services.AddAgent(builder.Configuration);
        return builder;
    }
}
