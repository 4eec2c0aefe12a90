using GateSync.Hub.Storage;

namespace Microsoft.Extensions.DependencyInjection;

public static class StorageServiceCollectionExtensions
{
    /// <summary>The LiteDB store, opened when the host starts so a bad file or password stops the hub at once.</summary>
    public static IServiceCollection AddHubStorage(this IServiceCollection services)
    {
        services.AddSingleton<HubDatabase>();
        services.AddSingleton<CheckInStore>();
        services.AddSingleton<HubQueries>();
        services.AddHostedService<StoreOpener>();
        return services;
    }
}
