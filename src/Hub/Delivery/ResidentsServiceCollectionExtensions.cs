using GateSync.Hub.Delivery;
using GateSync.Hub.Ingest;
using GateSync.Hub.Registrations;

namespace Microsoft.Extensions.DependencyInjection;

public static class ResidentsServiceCollectionExtensions
{
    /// <summary>Residents lists to agents for their <c>residentsOnly</c> doors, on connect and after the roll changes.</summary>
    public static IServiceCollection AddHubResidents(this IServiceCollection services)
    {
        services.AddSingleton<ResidentsBuilder>();
        services.AddSingleton<ResidentsFeed>();
        services.AddSingleton<ICommittedCheckInsObserver>(sp => sp.GetRequiredService<ResidentsFeed>());
        services.AddSingleton<IRegistrationsChangedObserver>(sp => sp.GetRequiredService<ResidentsFeed>());
        services.AddHostedService<ResidentsDelivery>();
        return services;
    }
}
