using GateSync.Hub.Broker;

namespace Microsoft.Extensions.DependencyInjection;

public static class BrokerServiceCollectionExtensions
{
    /// <summary>The embedded broker; it starts only when <c>Hub:Mqtt:Mode</c> is <c>Embedded</c>.</summary>
    public static IServiceCollection AddHubBroker(this IServiceCollection services)
    {
        services.AddOptions<BrokerAuthOptions>().BindConfiguration(BrokerAuthOptions.Section);
        services.AddSingleton<BrokerInternalCredentials>();
        services.AddSingleton<BrokerTopicGuard>();
        services.AddHubAgents();
        services.AddSingleton<BrokerConnectionValidator>();
        services.AddSingleton<EmbeddedBroker>();
        services.AddHostedService(sp => sp.GetRequiredService<EmbeddedBroker>());
        return services;
    }
}
