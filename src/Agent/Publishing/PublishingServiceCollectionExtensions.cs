
namespace GateSync.Agent.Publishing;

public static class PublishingServiceCollectionExtensions
{
    /// <summary>The publisher that drains the outbox to the broker and keeps the agent's retained status.</summary>
    public static IServiceCollection AddAgentPublishing(this IServiceCollection services)
    {
        services.AddHostedService<MqttPublisher>();
        return services;
    }
}
