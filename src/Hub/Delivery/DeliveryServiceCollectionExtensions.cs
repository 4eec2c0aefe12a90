using GateSync.Hub.Delivery;
using GateSync.Hub.Ingest;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

public static class DeliveryServiceCollectionExtensions
{
    /// <summary>End-to-end delivery: acks, replay requests and residents lists to agents (<c>Hub:Delivery</c>) and the retention purge (<c>Hub:Retention</c>).</summary>
    public static IServiceCollection AddHubDelivery(this IServiceCollection services)
    {
        services.AddOptions<DeliveryOptions>().BindConfiguration(DeliveryOptions.Section).ValidateOnStart();
        services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DeliveryOptions>, DeliveryOptionsValidator>();
        services.AddSingleton<IValidateOptions<RetentionOptions>, DeliveryOptionsValidator>();
        services.AddSingleton<DeliveryQueue>();
        services.AddSingleton<ICommittedCheckInsObserver>(sp => sp.GetRequiredService<DeliveryQueue>());
        services.AddSingleton<AgentMessenger>();
        services.AddHostedService(sp => sp.GetRequiredService<AgentMessenger>());
        services.AddHostedService<DeliveryWorker>();
        services.AddHubResidents();
        services.AddSingleton<RetentionPurge>();
        services.AddHostedService(sp => sp.GetRequiredService<RetentionPurge>());
        return services;
    }
}
