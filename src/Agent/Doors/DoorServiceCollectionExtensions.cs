using GateSync.Agent.Readers.Line;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GateSync.Agent.Doors;

public static class DoorServiceCollectionExtensions
{
    /// <summary>
    /// The door access for the configured doors, also as the sink of access-card tokens from line and keyboard readers.
    /// Residents synced from the hub plug in as an <see cref="IAccessList"/> registration (<c>AddAgentResidents</c>);
    /// without one the list is empty and a residents-only door admits its staff only.
    /// </summary>
    /// <param name="doors">Where the validated <c>Agent:Doors</c> entries come from, e.g. the bound agent options.</param>
    public static IServiceCollection AddAgentDoors(this IServiceCollection services, Func<IServiceProvider, IEnumerable<DoorOptions>> doors)
    {
        ArgumentNullException.ThrowIfNull(doors);
        services.TryAddSingleton<IAccessList>(AllowList.Empty);
        services.AddSingleton(sp => DoorAccess.Create(
            doors(sp),
            sp.GetRequiredService<IAccessList>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton<IAccessTokenSink>(sp => sp.GetRequiredService<DoorAccess>());
        return services;
    }
}
