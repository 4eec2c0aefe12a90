using GateSync.Hub.Agents;

namespace Microsoft.Extensions.DependencyInjection;

public static class AgentsServiceCollectionExtensions
{
    /// <summary>The agent registry: per-agent MQTT credentials, checked by the embedded broker and exported for Mosquitto.</summary>
    public static IServiceCollection AddHubAgents(this IServiceCollection services)
    {
        services.AddSingleton<AgentRegistry>();
        return services;
    }
}
