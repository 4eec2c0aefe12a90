using GateSync.Agent.Configuration;

namespace GateSync.Agent.Cli;

/// <summary>The agent service as it runs under systemd or as a Windows service; <c>check-settings</c> loads settings through the same builder.</summary>
public static class AgentHost
{
    public static HostApplicationBuilder CreateBuilder(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);
        builder.Configuration.AddAgentSettingsFile();
        builder.Services.AddSystemd();

        // Both do nothing unless the agent was started by systemd or the Windows service manager.
        builder.Services.AddWindowsService(service => service.ServiceName = Service.SystemdUnit.ServiceName);
        builder.Services.AddAgent(builder.Configuration);
        return builder;
    }
}
