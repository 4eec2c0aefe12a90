using GateSync.Agent.Configuration;
using GateSync.Agent.Doors;
using Microsoft.Extensions.Options;

namespace GateSync.Agent.Residents;

public static class ResidentsServiceCollectionExtensions
{
    /// <summary>
    /// The residents synced from the hub as the doors' <see cref="IAccessList"/> (beside each door's staff), loaded from
    /// <c>residents.json</c> in the data directory at start and encrypted there with the outbox key when one is set.
    /// </summary>
    public static IServiceCollection AddAgentResidents(this IServiceCollection services)
    {
        services.AddSingleton(sp => new ResidentsList(
            sp.GetRequiredService<AgentPaths>().DataDirectory,
            OutboxKey.From(sp.GetRequiredService<IOptions<AgentOptions>>().Value.Outbox),
            sp.GetRequiredService<ILogger<ResidentsList>>()));
        services.AddSingleton<IAccessList>(sp => sp.GetRequiredService<ResidentsList>());
        return services;
    }
}
